import Pilotage
