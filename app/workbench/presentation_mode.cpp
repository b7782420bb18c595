#include "presentation_mode.h"

#include "dashboard_layout.h"
#include "help_texts.h"
#include "run_dashboard.h"

#include <qcustomplot.h>

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QToolBar>

namespace {

QFont scaled(QFont f, double factor)
{
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * factor);
    else if (f.pixelSize() > 0)
        f.setPixelSize(std::max(1, int(f.pixelSize() * factor + 0.5)));
    return f;
}

// Every font a plot draws with: its axes (colour scales' too), legends, text
// elements and text items. The plot's own font (the one new items take) follows
// its parent's, scaled with the dashboard's.
void scalePlot(QCustomPlot* plot, double factor)
{
    QList<QCPAxis*> axes;
    for (QCPAxisRect* rect : plot->axisRects())
        axes += rect->axes();
    for (QCPLayoutElement* e : plot->plotLayout()->elements(true)) {
        if (auto* text = qobject_cast<QCPTextElement*>(e)) {
            text->setFont(scaled(text->font(), factor));
            text->setSelectedFont(scaled(text->selectedFont(), factor));
        } else if (auto* legend = qobject_cast<QCPLegend*>(e)) {
            legend->setFont(scaled(legend->font(), factor)); // its items follow
            legend->setSelectedFont(scaled(legend->selectedFont(), factor));
        } else if (auto* scale = qobject_cast<QCPColorScale*>(e)) {
            axes += scale->axis();
        }
    }
    for (QCPAxis* axis : axes) {
        axis->setLabelFont(scaled(axis->labelFont(), factor));
        axis->setTickLabelFont(scaled(axis->tickLabelFont(), factor));
        axis->setSelectedLabelFont(scaled(axis->selectedLabelFont(), factor));
        axis->setSelectedTickLabelFont(scaled(axis->selectedTickLabelFont(), factor));
    }
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* text = qobject_cast<QCPItemText*>(plot->item(i))) {
            text->setFont(scaled(text->font(), factor));
            text->setSelectedFont(scaled(text->selectedFont(), factor));
        }
    plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace

PresentationMode::PresentationMode(QMainWindow* window, RunDashboard* dashboard)
    : QObject(window), window_(window), dashboard_(dashboard)
{
    toggle_ = new QAction(tr("&Presentation Mode"), this);
    toggle_->setObjectName(QStringLiteral("presentationMode"));
    toggle_->setCheckable(true);
    toggle_->setShortcut(QKeySequence(Qt::Key_F11));
    toggle_->setToolTip(tr("Full screen, one view with large fonts, for teaching: 1-5 switch views, F11 or Esc leaves"));
    connect(toggle_, &QAction::toggled, this, &PresentationMode::setActive);

    // Esc leaves only while presenting; the window's Esc (cancel the run) is
    // off meanwhile, so leaving never cancels a run (see MainWindow).
    leave_ = new QAction(tr("Leave Presentation Mode"), this);
    leave_->setShortcut(QKeySequence(Qt::Key_Escape));
    leave_->setEnabled(false);
    connect(leave_, &QAction::triggered, this, [this] { setActive(false); });
    window_->addAction(leave_);

    const QStringList names = helptexts::viewNames();
    for (int i = 0; i < names.size(); ++i) {
        auto* a = new QAction(tr("Present %1").arg(helptexts::viewTitle(names[i])), this);
        a->setShortcut(QKeySequence(Qt::Key_1 + i));
        a->setEnabled(false);
        connect(a, &QAction::triggered, this, [this, name = names[i]] { showView(name); });
        viewActions_ << a;
    }
    window_->addActions(viewActions_);
    connect(dashboard_->arrangement(), &DashboardLayout::focusedViewChanged, this, [this](const QString& name) {
        if (active_ && !name.isEmpty())
            lastView_ = name;
    });
}

void PresentationMode::showView(const QString& name)
{
    if (!active_)
        return;
    lastView_ = name;
    dashboard_->arrangement()->setFocusedView(name);
}

void PresentationMode::setActive(bool on)
{
    if (on == active_)
        return;
    active_ = on;
    const QSignalBlocker quiet(toggle_);
    toggle_->setChecked(on);
    leave_->setEnabled(on);
    for (QAction* a : viewActions_)
        a->setEnabled(on);
    if (on) {
        savedState_ = window_->saveState();
        savedWindowState_ = window_->windowState();
        for (QDockWidget* d : window_->findChildren<QDockWidget*>())
            d->hide();
        for (QToolBar* t : window_->findChildren<QToolBar*>())
            t->hide();
        scaleFonts(kFontScale);
        dashboard_->arrangement()->setFocusedView(lastView_);
        window_->setWindowState(savedWindowState_ | Qt::WindowFullScreen);
    } else {
        dashboard_->arrangement()->setFocusedView({});
        scaleFonts(1.0 / kFontScale);
        window_->setWindowState(savedWindowState_);
        window_->restoreState(savedState_);
    }
    emit activeChanged(on);
}

void PresentationMode::scaleFonts(double factor)
{
    // The dashboard's font reaches its table, tabs and labels, and the plots'
    // own fonts (which new labels take); what plots drew already is scaled here.
    dashboard_->setFont(factor > 1 ? scaled(dashboard_->font(), factor) : QFont());
    for (const QString& name : dashboard_->plotNames())
        if (QCustomPlot* plot = dashboard_->plot(name))
            scalePlot(plot, factor);
}
