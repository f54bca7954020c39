// Ink imports react-devtools-core for DEV=true debugging only; the bundle leaves it out.
export default { initialize() {}, connectToDevTools() {} };
