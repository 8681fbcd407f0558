// page(): what a page answers when its data function fails or redirects, on a real App.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/server/http.ts';
import { signInPath } from '../../../src/server/redirects.ts';
import { page, SeeOther, type PageContext } from '../../../src/server/route.ts';
import { ORIGIN, tempApp, type TempApp } from '../../helpers/temp-app.ts';

let t: TempApp;
beforeEach(async () => (t = await tempApp()));
afterEach(() => t.cleanup());

function astro(path: string, method = 'GET'): PageContext {
  return {
    url: new URL(path, ORIGIN),
    request: new Request(new URL(path, ORIGIN), { method }),
    redirect: (location: string, status = 302) => new Response(null, { status, headers: { location } }),
  } as PageContext;
}

const fail = (error: Error) => (): never => {
  throw error;
};

describe('page()', () => {
  it('hands the data through', async () => {
    expect(await page(astro('/x'), () => ({ answer: 42 }), t.app)).toEqual({ answer: 42 });
  });

  it('sends a visitor who must sign in to /login and back to the page, query included', async () => {
    const get = (await page(astro('/cohorts/abc?sort=score'), fail(new HttpError(401, 'unauthenticated', 'Sign in.')), t.app)) as Response;
    expect(get.status).toBe(302);
    expect(get.headers.get('location')).toBe('/login?next=%2Fcohorts%2Fabc%3Fsort%3Dscore');
    const post = (await page(astro('/programs/p/l', 'POST'), fail(new HttpError(401, 'unauthenticated', 'Sign in.')), t.app)) as Response;
    expect([post.status, post.headers.get('location')]).toEqual([303, '/login?next=%2Fprograms%2Fp%2Fl']);
  });

  it('answers any other HttpError with the HTML error page, its status, message and headers', async () => {
    const res = (await page(astro('/cohorts/abc'), fail(new HttpError(403, 'forbidden', 'Only the cohort’s <instructor>.', { headers: { 'retry-after': '5' } })), t.app)) as Response;
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('retry-after')).toBe('5');
    const html = await res.text();
    expect(html).toContain('<h1>Not allowed</h1>');
    expect(html).toContain('Only the cohort’s &#60;instructor&#62;.');
  });

  it('turns SeeOther into a 303 and leaves other errors to the middleware', async () => {
    const res = (await page(astro('/cohorts', 'POST'), () => new SeeOther('/cohorts/new-id'), t.app)) as Response;
    expect([res.status, res.headers.get('location')]).toEqual([303, '/cohorts/new-id']);
    await expect(page(astro('/x'), fail(new TypeError('bug')), t.app)).rejects.toThrow('bug');
  });

  it('signInPath never sends anyone off the site', () => {
    expect(signInPath('/me', ORIGIN)).toBe('/login?next=%2Fme');
    expect(signInPath('//evil.example/x', ORIGIN)).toBe('/login?next=%2Fme');
  });
});
