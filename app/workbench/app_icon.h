#pragma once
// The application icon, resources/adaround-workbench.svg, painted with QPainter:
// qt6-base has no SVG image plugin, and the desktop entry uses the SVG itself.
#include <QIcon>

QIcon appIcon();
