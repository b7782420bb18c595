#pragma once
// Where the run views sit: a grid of splitters when the dashboard has room
// (loss on top; histogram and history; accuracy and the results table), tabs
// when it has not (a 1366x768 laptop with docks open, 2x scaling), and one
// chosen view alone (presentation). The layout follows the dashboard's own
// size, so the views never force a minimum size on the window: each view's
// minimum is small (kViewMinimum) and the grid needs at most kGridNeeds.
#include <QList>
#include <QSize>
#include <QString>
#include <QWidget>

class QSplitter;
class QTabWidget;

class DashboardLayout : public QWidget {
    Q_OBJECT
public:
    struct View {
        QString name;  // "loss", "histogram", "history", "accuracy", "table"
        QString title; // the tab's text
        QWidget* widget;
    };
    enum class Mode { Grid, Tabs };

    // VIEWS in the grid's order: loss, histogram, history, accuracy, table.
    explicit DashboardLayout(const QList<View>& views, QWidget* parent = nullptr);

    Mode mode() const { return mode_; }
    QStringList viewNames() const;
    QWidget* view(const QString& name) const;
    // Shows only NAME's view (tabs, NAME in front; the tabs still switch it);
    // an empty name goes back to the layout that fits the size.
    void setFocusedView(const QString& name);
    QString focusedView() const { return focused_; }
    QTabWidget* tabs() const { return tabs_; }

    static constexpr QSize kViewMinimum{200, 140};
    // Below this size (either way) the grid's views are too small to read: tabs.
    static constexpr QSize kGridNeeds{720, 520};

signals:
    void focusedViewChanged(const QString& name);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void arrange(Mode mode);
    Mode fittingMode() const;
    void sizeGridOnce();

    QList<View> views_;
    QSplitter* rows_ = nullptr;
    QSplitter* middle_ = nullptr;
    QSplitter* bottom_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    Mode mode_ = Mode::Grid;
    QList<QList<int>> savedSizes_; // the grid's splitters while the views are in tabs
    QString focused_;
    bool gridSized_ = false;
};
