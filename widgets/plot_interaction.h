#pragma once
// What every run plot does with the mouse, installed once per plot:
// - hover: a tracer on the nearest data point (graph point, bar, heat-map cell)
//   and a small readout "series: value at KEY" on a buffered overlay layer;
// - wheel zoom and drag pan (x only by default), only while the cursor is over
//   the plot; double-click restores the view the plot chose itself;
// - legend click hides/shows a series, its legend item greyed;
// - a context menu with checkable view options (log y, smoothing, ...) that
//   the plot adds, and further entries from the owner (exports).
// Plots that range their axes themselves ask userView() first, so a zoom
// survives live updates until the double-click.
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QSet>
#include <QString>

#include <functional>
#include <vector>

class QCustomPlot;
class QCPAbstractPlottable;
class QCPItemTracer;
class QCPItemText;
class QMenu;
class QMouseEvent;
class QWheelEvent;

class PlotInteraction : public QObject {
    Q_OBJECT
public:
    // Installs on plot (owned by it) and returns the helper; zoom and pan act
    // along the given orientations of the main axis rect's axes.
    static PlotInteraction* install(QCustomPlot* plot, Qt::Orientations zoom = Qt::Horizontal);
    static PlotInteraction* of(const QCustomPlot* plot); // the installed helper, else null

    // How the readout names a key of a plottable (default: the number), e.g. "iteration 1,234".
    void setKeyText(std::function<QString(const QCPAbstractPlottable*, double key)> text)
    {
        keyText_ = std::move(text);
    }
    // How it names a value of a plottable (default: 3 significant digits).
    void setValueText(std::function<QString(const QCPAbstractPlottable*, double value)> text)
    {
        valueText_ = std::move(text);
    }
    // Restores the plot's own view (after the flag is cleared); default: the
    // ranges the axes had before the first zoom or pan.
    void setResetView(std::function<void()> reset) { reset_ = std::move(reset); }

    // A checkable context-menu entry; apply runs on each change (and not now).
    void addToggle(const QString& text, bool on, std::function<void(bool)> apply);
    bool toggled(const QString& text) const;
    void setToggled(const QString& text, bool on); // as if the user clicked it
    // Adds entries below the toggles each time the menu opens (e.g. exports).
    void addMenuEntries(std::function<void(QMenu*)> add) { menuHooks_.push_back(std::move(add)); }

    bool userView() const { return userView_; } // zoomed or panned since the last reset
    void resetView();                           // what a double-click does
    QString readoutText() const;                // empty when nothing is under the cursor
    bool hidden(const QCPAbstractPlottable* p) const; // hidden by a legend click
    void setSeriesHidden(QCPAbstractPlottable* p, bool hidden);

    // Builds the menu the right button opens (for tests and the owner).
    void fillMenu(QMenu* menu);

signals:
    void seriesVisibilityChanged(QCPAbstractPlottable* plottable, bool visible);
    // A click (press and release without a drag) in the axis rect, in plot coordinates.
    void clicked(const QPointF& coords);
    void viewReset();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit PlotInteraction(QCustomPlot* plot, Qt::Orientations zoom);
    void hover(const QPointF& pos);
    void hideReadout();
    void rememberHome();
    void fitTickCounts();
    void onPress(QMouseEvent* e);
    void onMove(QMouseEvent* e);
    void onRelease(QMouseEvent* e);

    struct Toggle {
        QString text;
        bool on;
        std::function<void(bool)> apply;
    };
    struct Home {
        class QCPAxis* axis;
        double lower, upper;
    };
    QCustomPlot* plot_;
    QPointer<QCPItemTracer> tracer_;
    QPointer<QCPItemText> readout_;
    std::function<QString(const QCPAbstractPlottable*, double)> keyText_;
    std::function<QString(const QCPAbstractPlottable*, double)> valueText_;
    std::function<void()> reset_;
    std::vector<Toggle> toggles_;
    std::vector<std::function<void(QMenu*)>> menuHooks_;
    std::vector<Home> home_;
    QSet<const QCPAbstractPlottable*> hidden_; // by legend clicks (a plot may hide others for its own reasons)
    QPointF pressAt_;
    bool pressed_ = false;
    bool userView_ = false;
};
