"""The live preview behind `serve`: watch (when to rebuild), rebuild (building the preview folder
and the overlay's status) and server (livereload's handlers on tornado, for this computer only).

Part of the commands layer: may import every layer below it and reportsite.commands.common;
only reportsite.commands.serve imports it, and it imports nothing on its own, so that tornado
loads with the serve command only.
"""
