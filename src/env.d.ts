/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./server/auth/roles.ts').SessionUser | null;
    session: import('lucia').Session | null;
  }
}
