@echo off
rem Double-click to copy the Live Data Export widget into Beyond All Reason's data folder.
rem To name the folder: install-widget.cmd "D:\Games\Beyond-All-Reason\data"
title bar-livedata: install the BAR widget
"%~dp0app\node.exe" "%~dp0app\bin\bar-livedata.js" install-widget %*
echo.
echo Press a key to close this window.
pause >nul
