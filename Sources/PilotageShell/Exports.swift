// The shell is used with the SDK: importing PilotageShell imports Pilotage.
@_exported import Pilotage
