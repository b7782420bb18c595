#pragma once
// Iso-lines of a function sampled on a regular grid (marching squares), joined
// into polylines, for drawing contour lines over a QCPColorMap as QCPCurves.
#include <QPointF>
#include <QVector>

#include <functional>

struct ContourGrid {
    int nx = 0, ny = 0;               // samples along x and y (>= 2 each)
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1; // the first and last sample's coordinates
    QVector<double> z;                // nx * ny values, z[j * nx + i] at (x_i, y_j)

    static ContourGrid sample(int nx, int ny, double x0, double x1, double y0, double y1,
                              const std::function<double(double, double)>& f);
    double x(int i) const { return x0 + (x1 - x0) * i / (nx - 1); }
    double y(int j) const { return y0 + (y1 - y0) * j / (ny - 1); }
    double at(int i, int j) const { return z[j * nx + i]; }
};

// The polylines where the sampled function equals LEVEL, each an open chain
// (ends on the grid's border) or closed (first point repeated at the end).
// Crossings are placed by linear interpolation along the cell edges; a saddle
// cell is resolved by the value at its centre.
QVector<QVector<QPointF>> contourLines(const ContourGrid& grid, double level);
