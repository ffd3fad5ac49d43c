// setup of the dom project: preact's hooks run their after-paint effects on the page's own requestAnimationFrame.
// Without this, hooks race a Node timer of 100 ms against the frame, and a timer still pending when a test file's
// happy-dom window is torn down fires into a page that is gone (cancelAnimationFrame is not defined).
import { options } from "preact";

options.requestAnimationFrame = (callback) => {
  requestAnimationFrame(callback);
};
