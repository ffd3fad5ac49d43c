// minigame-sdk embed: mount() for npm users; the script-tag entry builds on it
export { mount, type MountOptions, type MinigameWidget, type WidgetEvent, type Listener } from "./mount.js";
