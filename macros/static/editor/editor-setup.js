// Decap starts only when editor.js has taught it the hub's file formats.
window.CMS_MANUAL_INIT = true;
