@echo off
rem Double-click to start bar-livedata: it opens its page in your browser. Close this window to stop it.
title bar-livedata
"%~dp0app\node.exe" "%~dp0app\bin\bar-livedata.js" --open %*
if errorlevel 1 (
  echo.
  echo bar-livedata stopped: read the line above. Press a key to close this window.
  pause >nul
)
