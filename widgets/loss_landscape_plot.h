#pragma once
// The two-weight loss landscape: L(w~) = (w~ - w)^T H (w~ - w) as a colour map
// over (w~1, w~2) with contour lines, the four rounding corners labelled with
// their loss, the nearest and the optimal corner marked, the FP32 weights as a
// cross the user drags, and AdaRound's path floor(w) + h(V). Axes in grid steps
// at equal scale, so the contours are the true ellipses.
#include "adaround/teaching/quadratic_rounding.h"

#include "qcustomplot.h"

#include <vector>

class LossLandscapePlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit LossLandscapePlot(QWidget* parent = nullptr);

    // A 2-weight problem (validated by the caller); clears the path.
    void setProblem(const adaround::teaching::QuadraticRounding& problem);
    // AdaRound's path so far in weight space (floor + h), its last point marked.
    void setPath(const QVector<QPointF>& points);
    void clearPath();

    // For tests and the view.
    QCPColorMap* colorMap() const { return map_; }
    int contourCount() const { return int(contours_.size()); }
    QPointF nearestMark() const;  // where the nearest-corner mark is drawn
    QPointF optimalMark() const;  // where the optimal-corner mark is drawn
    QString cornerLabel(uint32_t bits) const;
    int pathPoints() const;

signals:
    // The user dragged or clicked the FP32 weights to new positions (grid steps).
    void weightsMoved(double w1, double w2);

private:
    void drawMap();
    void drawContours();
    void drawCorners();
    void keepEqualScale();
    QPointF clampedToCell(const QPointF& at) const;

    adaround::teaching::QuadraticRounding problem_;
    QCPColorMap* map_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    std::vector<QCPCurve*> contours_;
    QCPGraph* corners_ = nullptr;
    QCPGraph* nearest_ = nullptr;
    QCPGraph* optimal_ = nullptr;
    QCPGraph* weights_ = nullptr;
    QCPCurve* path_ = nullptr;
    QCPGraph* pathHead_ = nullptr;
    QCPItemRect* cell_ = nullptr;
    std::vector<QCPItemText*> labels_;
    bool dragging_ = false;
};
