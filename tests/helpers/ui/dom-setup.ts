// setup of the dom project: preact's hooks run their after-paint effects on the page's own requestAnimationFrame.
// Without this, hooks race a Node timer of 100 ms against the frame, and a timer still pending when a test file's
// happy-dom window is torn down fires into a page that is gone (cancelAnimationFrame is not defined).
import { configure } from "@testing-library/preact";
import { afterEach } from "vitest";
import { options } from "preact";

options.requestAnimationFrame = (callback) => {
  requestAnimationFrame(callback);
};

// findBy*/waitFor poll until their condition holds; a lazily imported chunk on a busy machine can take more than
// the library's default second to arrive, and a slow pass is still a pass
configure({ asyncUtilTimeout: 5_000 });

// the files of a worker share one happy-dom window: a test that moves the page's address (a utm_source, a path) must
// not leave it for the next file, whose visitor would then seem to arrive from that campaign
afterEach(() => history.replaceState(null, "", "/"));
