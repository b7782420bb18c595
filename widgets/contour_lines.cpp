#include "contour_lines.h"

#include <QHash>

#include <array>

ContourGrid ContourGrid::sample(int nx, int ny, double x0, double x1, double y0, double y1,
                                const std::function<double(double, double)>& f)
{
    ContourGrid g{nx, ny, x0, x1, y0, y1, {}};
    g.z.resize(nx * ny);
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i)
            g.z[j * nx + i] = f(g.x(i), g.y(j));
    return g;
}

namespace {

// Edges are named once for both cells that share them: the horizontal edge
// from (i, j) to (i+1, j) is 2 (j nx + i), the vertical one to (i, j+1) is 2 (j nx + i) + 1.
struct Marcher {
    const ContourGrid& g;
    double level;
    QHash<int, QPointF> points;           // crossing point on each crossed edge
    QHash<int, QVector<int>> neighbours;  // edge -> the edges it is joined to (1 or 2)

    int hEdge(int i, int j) const { return 2 * (j * g.nx + i); }
    int vEdge(int i, int j) const { return 2 * (j * g.nx + i) + 1; }

    QPointF crossing(int edge) const
    {
        const int node = edge / 2, i = node % g.nx, j = node / g.nx;
        const int i2 = (edge % 2) ? i : i + 1, j2 = (edge % 2) ? j + 1 : j;
        const double a = g.at(i, j), b = g.at(i2, j2);
        const double t = (a == b) ? 0.5 : (level - a) / (b - a);
        return {g.x(i) + t * (g.x(i2) - g.x(i)), g.y(j) + t * (g.y(j2) - g.y(j))};
    }

    void join(int a, int b)
    {
        for (int e : {a, b})
            if (!points.contains(e))
                points.insert(e, crossing(e));
        neighbours[a].append(b);
        neighbours[b].append(a);
    }

    void cell(int i, int j)
    {
        // Corners counter-clockwise from bottom-left; edges bottom, right, top, left.
        const std::array<double, 4> v{g.at(i, j), g.at(i + 1, j), g.at(i + 1, j + 1), g.at(i, j + 1)};
        const std::array<int, 4> e{hEdge(i, j), vEdge(i + 1, j), hEdge(i, j + 1), vEdge(i, j)};
        int mask = 0;
        for (int k = 0; k < 4; ++k)
            if (v[k] >= level)
                mask |= 1 << k;
        if (mask == 0 || mask == 15)
            return;
        if (mask == 5 || mask == 10) { // saddle: the centre decides which corners connect
            const bool centreAbove = (v[0] + v[1] + v[2] + v[3]) / 4 >= level;
            const bool firstPair = (mask == 5) == centreAbove; // corners 0 and 2 joined through the centre
            if (firstPair) {
                join(e[0], e[1]);
                join(e[2], e[3]);
            } else {
                join(e[0], e[3]);
                join(e[1], e[2]);
            }
            return;
        }
        // One boundary: the two edges whose corners differ in side.
        int ends[2], n = 0;
        for (int k = 0; k < 4; ++k)
            if (((mask >> k) & 1) != ((mask >> ((k + 1) % 4)) & 1))
                ends[n++] = e[k];
        join(ends[0], ends[1]);
    }
};

} // namespace

QVector<QVector<QPointF>> contourLines(const ContourGrid& grid, double level)
{
    Marcher m{grid, level, {}, {}};
    for (int j = 0; j + 1 < grid.ny; ++j)
        for (int i = 0; i + 1 < grid.nx; ++i)
            m.cell(i, j);
    QVector<QVector<QPointF>> lines;
    QHash<int, bool> used;
    auto walk = [&](int start) {
        QVector<QPointF> line{m.points.value(start)};
        int previous = -1, at = start;
        used[start] = true;
        for (;;) {
            int next = -1;
            for (int n : m.neighbours.value(at))
                if (n != previous && (!used.value(n) || (n == start && line.size() > 2))) {
                    next = n;
                    break;
                }
            if (next < 0)
                break;
            line.append(m.points.value(next));
            if (next == start)
                break; // closed
            used[next] = true;
            previous = at;
            at = next;
        }
        lines.append(line);
    };
    // Open chains first, from their ends (edges with one neighbour), then the closed loops.
    for (auto it = m.neighbours.cbegin(); it != m.neighbours.cend(); ++it)
        if (it.value().size() == 1 && !used.value(it.key()))
            walk(it.key());
    for (auto it = m.neighbours.cbegin(); it != m.neighbours.cend(); ++it)
        if (!used.value(it.key()))
            walk(it.key());
    return lines;
}
