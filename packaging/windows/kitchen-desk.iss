; Inno Setup script for the Windows installer. Build the PyInstaller bundle first
; (dist\kitchen-desk), then: iscc packaging\windows\kitchen-desk.iss
[Setup]
AppName=Kitchen Desk
AppVersion=0.1.0
DefaultDirName={autopf}\Kitchen Desk
DefaultGroupName=Kitchen Desk
OutputBaseFilename=kitchen-desk-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "pt_BR"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\kitchen-desk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Kitchen Desk"; Filename: "{app}\kitchen-desk.exe"
Name: "{autodesktop}\Kitchen Desk"; Filename: "{app}\kitchen-desk.exe"
Name: "{userstartup}\Kitchen Desk"; Filename: "{app}\kitchen-desk.exe"; Tasks: autostart

[Tasks]
Name: "autostart"; Description: "Start Kitchen Desk when Windows starts"

[Run]
Filename: "{app}\kitchen-desk.exe"; Description: "Open Kitchen Desk"; Flags: postinstall nowait
