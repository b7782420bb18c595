#include "plot_interaction.h"

#include <qcustomplot.h>

#include <QMenu>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

// A hover farther than this from every point shows no readout.
constexpr double kHoverRadiusPx = 24;
// Presses that move less than this are clicks, not drags (QCustomPlot's own threshold).
constexpr int kClickSlopPx = 3;

QString defaultNumber(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("–");
    const double a = std::abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e5))
        return QString::number(v, 'e', 2);
    return QLocale().toString(v, 'g', 4);
}

// Tickers whose ticks are given, not spread over the range: left alone. A
// fixed step that may grow by multiples (whole layers: 1, 2, 5...) is spread.
bool spreadsTicks(const QSharedPointer<QCPAxisTicker>& t)
{
    if (auto fixed = t.dynamicCast<QCPAxisTickerFixed>())
        return fixed->scaleStrategy() != QCPAxisTickerFixed::ssNone;
    return t && !t.dynamicCast<QCPAxisTickerText>() && !t.dynamicCast<QCPAxisTickerLog>()
           && !t.dynamicCast<QCPAxisTickerPi>();
}

} // namespace

PlotInteraction* PlotInteraction::install(QCustomPlot* plot, Qt::Orientations zoom)
{
    if (PlotInteraction* existing = of(plot))
        return existing;
    return new PlotInteraction(plot, zoom);
}

PlotInteraction* PlotInteraction::of(const QCustomPlot* plot)
{
    return plot ? plot->findChild<PlotInteraction*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

PlotInteraction::PlotInteraction(QCustomPlot* plot, Qt::Orientations zoom) : QObject(plot), plot_(plot)
{
    plot->setInteractions(QCP::iRangeZoom | QCP::iRangeDrag);
    plot->axisRect()->setRangeZoom(zoom);
    plot->axisRect()->setRangeDrag(zoom);
    plot->setMouseTracking(true);
    plot->installEventFilter(this);
    // The readout moves with the mouse: on its own buffered layer, only it redraws.
    if (QCPLayer* overlay = plot->layer(QStringLiteral("overlay")))
        overlay->setMode(QCPLayer::lmBuffered);
    keyText_ = [](const QCPAbstractPlottable*, double key) { return defaultNumber(key); };
    valueText_ = [](const QCPAbstractPlottable*, double v) { return defaultNumber(v); };

    connect(plot, &QCustomPlot::mousePress, this, &PlotInteraction::onPress);
    connect(plot, &QCustomPlot::mouseMove, this, &PlotInteraction::onMove);
    connect(plot, &QCustomPlot::mouseRelease, this, &PlotInteraction::onRelease);
    connect(plot, &QCustomPlot::mouseWheel, this, [this](QWheelEvent* e) {
        if (plot_->axisRect()->rect().contains(e->position().toPoint())) {
            rememberHome();
            userView_ = true;
        }
    });
    connect(plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent* e) {
        if (plot_->axisRect()->rect().contains(e->position().toPoint()))
            resetView();
    });
    connect(plot, &QCustomPlot::legendClick, this, [this](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
        if (auto* entry = qobject_cast<QCPPlottableLegendItem*>(item)) {
            setSeriesHidden(entry->plottable(), !hidden(entry->plottable()));
            plot_->replot(QCustomPlot::rpQueuedReplot);
        }
    });
    // Ticks are made before the layout settles: fit them to the widths just laid
    // out, and if that changed their count, draw once more (queued) with them.
    connect(plot, &QCustomPlot::afterLayout, this, &PlotInteraction::fitTickCounts);
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(plot, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu;
        fillMenu(&menu);
        if (!menu.isEmpty())
            menu.exec(plot_->mapToGlobal(at));
    });
}

void PlotInteraction::addToggle(const QString& text, bool on, std::function<void(bool)> apply)
{
    toggles_.push_back({text, on, std::move(apply)});
}

bool PlotInteraction::toggled(const QString& text) const
{
    for (const Toggle& t : toggles_)
        if (t.text == text)
            return t.on;
    return false;
}

void PlotInteraction::setToggled(const QString& text, bool on)
{
    for (Toggle& t : toggles_)
        if (t.text == text && t.on != on) {
            t.on = on;
            t.apply(on);
            plot_->replot(QCustomPlot::rpQueuedReplot);
        }
}

void PlotInteraction::fillMenu(QMenu* menu)
{
    for (const Toggle& t : toggles_) {
        QAction* a = menu->addAction(t.text);
        a->setCheckable(true);
        a->setChecked(t.on);
        const QString text = t.text;
        connect(a, &QAction::toggled, this, [this, text](bool on) { setToggled(text, on); });
    }
    QAction* reset = menu->addAction(tr("Reset view (double-click)"));
    reset->setEnabled(userView_);
    connect(reset, &QAction::triggered, this, &PlotInteraction::resetView);
    if (!menuHooks_.empty())
        menu->addSeparator();
    for (const auto& add : menuHooks_)
        add(menu);
}

bool PlotInteraction::hidden(const QCPAbstractPlottable* p) const { return hidden_.contains(p); }

void PlotInteraction::setSeriesHidden(QCPAbstractPlottable* p, bool hide)
{
    if (!p || hidden(p) == hide)
        return;
    if (hide)
        hidden_.insert(p);
    else
        hidden_.remove(p);
    p->setVisible(!hide);
    if (QCPPlottableLegendItem* entry = plot_->legend->itemWithPlottable(p)) {
        // Greyed and struck through: still there to click back on.
        QFont f = entry->font();
        f.setStrikeOut(hide);
        entry->setFont(f);
        entry->setTextColor(hide ? QColor(170, 170, 170) : Qt::black);
    }
    hideReadout();
    emit seriesVisibilityChanged(p, !hide);
}

void PlotInteraction::rememberHome()
{
    if (userView_)
        return;
    home_.clear();
    for (QCPAxisRect* rect : plot_->axisRects())
        for (QCPAxis* axis : rect->axes())
            home_.push_back({axis, axis->range().lower, axis->range().upper});
}

void PlotInteraction::resetView()
{
    userView_ = false;
    if (reset_)
        reset_();
    else
        for (const Home& h : home_)
            h.axis->setRange(h.lower, h.upper);
    hideReadout();
    plot_->replot(QCustomPlot::rpQueuedReplot);
    emit viewReset();
}

void PlotInteraction::onPress(QMouseEvent* e)
{
    pressed_ = e->button() == Qt::LeftButton && plot_->axisRect()->rect().contains(e->position().toPoint());
    pressAt_ = e->position();
    if (pressed_)
        rememberHome();
}

void PlotInteraction::onMove(QMouseEvent* e)
{
    if (pressed_ && (e->buttons() & Qt::LeftButton)) {
        if ((e->position() - pressAt_).manhattanLength() > kClickSlopPx)
            userView_ = true; // the axis rect pans: the view is the user's now
        return;
    }
    hover(e->position());
}

void PlotInteraction::onRelease(QMouseEvent* e)
{
    if (pressed_ && e->button() == Qt::LeftButton && (e->position() - pressAt_).manhattanLength() <= kClickSlopPx)
        emit clicked(QPointF(plot_->xAxis->pixelToCoord(e->position().x()),
                             plot_->yAxis->pixelToCoord(e->position().y())));
    pressed_ = false;
}

bool PlotInteraction::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == plot_ && event->type() == QEvent::Leave)
        hideReadout();
    return QObject::eventFilter(watched, event);
}

QString PlotInteraction::readoutText() const
{
    return readout_ && readout_->visible() ? readout_->text() : QString();
}

void PlotInteraction::hideReadout()
{
    if (!readout_ || !readout_->visible())
        return;
    readout_->setVisible(false);
    tracer_->setVisible(false);
    if (QCPLayer* overlay = plot_->layer(QStringLiteral("overlay")))
        overlay->replot();
}

// The nearest point of any visible series under the cursor, by pixel distance;
// a bar or a heat-map cell when the cursor is inside it.
void PlotInteraction::hover(const QPointF& pos)
{
    QCPAxisRect* rect = plot_->axisRectAt(pos);
    if (!rect || !rect->rect().contains(pos.toPoint())) {
        hideReadout();
        return;
    }
    double best = kHoverRadiusPx;
    QString text;
    QCPAxis* keyAxis = nullptr;
    QCPAxis* valueAxis = nullptr;
    QPointF at;
    // Topmost first: of two series through the same point, the one drawn on top reads.
    for (int i = plot_->plottableCount() - 1; i >= 0; --i) {
        QCPAbstractPlottable* p = plot_->plottable(i);
        if (!p->realVisibility() || !p->keyAxis() || p->keyAxis()->axisRect() != rect)
            continue;
        if (auto* map = qobject_cast<QCPColorMap*>(p)) {
            double key, value;
            map->pixelsToCoords(pos, key, value);
            int kc, vc;
            map->data()->coordToCell(key, value, &kc, &vc);
            if (kc < 0 || vc < 0 || kc >= map->data()->keySize() || vc >= map->data()->valueSize())
                continue;
            const double z = map->data()->cell(kc, vc);
            if (std::isnan(z))
                continue;
            double cellKey, cellValue;
            map->data()->cellToCoord(kc, vc, &cellKey, &cellValue);
            best = 0;
            keyAxis = map->keyAxis();
            valueAxis = map->valueAxis();
            at = QPointF(cellKey, cellValue);
            text = QStringLiteral("%1 %2, %3: %4")
                       .arg(map->valueAxis()->label(), QLocale().toString(cellValue, 'f', 2), keyText_(map, cellKey),
                            valueText_(map, z));
            continue;
        }
        QVariant details;
        if (p->selectTest(pos, false, &details) < 0)
            continue;
        const QCPDataSelection sel = details.value<QCPDataSelection>();
        if (sel.isEmpty())
            continue;
        const int index = sel.dataRange().begin();
        double key = 0, value = 0;
        if (auto* g = qobject_cast<QCPGraph*>(p)) {
            if (index >= g->dataCount())
                continue;
            key = g->data()->at(index)->key;
            value = g->data()->at(index)->value;
        } else if (auto* bars = qobject_cast<QCPBars*>(p)) {
            if (index >= bars->dataCount())
                continue;
            key = bars->data()->at(index)->key;
            value = bars->data()->at(index)->value;
        } else {
            continue;
        }
        if (!std::isfinite(value))
            continue;
        // From the point itself, not the line through it; inside a bar counts as on it.
        double distance = QLineF(p->coordsToPixels(key, value), pos).length();
        if (auto* bars = qobject_cast<QCPBars*>(p); bars && bars->selectTest(pos, false) < kHoverRadiusPx * 0.5)
            distance = 0;
        if (distance >= best)
            continue;
        best = distance;
        keyAxis = p->keyAxis();
        valueAxis = p->valueAxis();
        at = QPointF(key, value);
        text = QStringLiteral("%1: %2 at %3").arg(p->name(), valueText_(p, value), keyText_(p, key));
    }
    if (text.isEmpty()) {
        hideReadout();
        return;
    }
    if (!tracer_) {
        tracer_ = new QCPItemTracer(plot_);
        tracer_->setLayer(QStringLiteral("overlay"));
        tracer_->setStyle(QCPItemTracer::tsCircle);
        tracer_->setSize(9);
        tracer_->setPen(QPen(QColor(20, 20, 20), 1.5));
        tracer_->setSelectable(false);
        readout_ = new QCPItemText(plot_);
        readout_->setLayer(QStringLiteral("overlay"));
        readout_->position->setType(QCPItemPosition::ptAbsolute);
        readout_->setPadding(QMargins(4, 2, 4, 2));
        readout_->setBrush(QColor(255, 255, 255, 230));
        readout_->setPen(QPen(QColor(150, 150, 150)));
        readout_->setSelectable(false);
    }
    tracer_->setClipAxisRect(rect);
    tracer_->position->setAxes(keyAxis, valueAxis);
    tracer_->position->setCoords(at);
    tracer_->setVisible(true);
    readout_->setClipAxisRect(rect);
    readout_->setText(text);
    // Beside the cursor, on the side with room.
    const bool right = pos.x() < rect->center().x();
    const bool below = pos.y() < rect->center().y();
    readout_->setPositionAlignment((right ? Qt::AlignLeft : Qt::AlignRight) | (below ? Qt::AlignTop : Qt::AlignBottom));
    readout_->position->setCoords(pos + QPointF(right ? 12 : -12, below ? 14 : -10));
    readout_->setVisible(true);
    if (QCPLayer* overlay = plot_->layer(QStringLiteral("overlay")))
        overlay->replot();
}

// Horizontal tick labels never touch: the most ticks (2 to 6 asked) whose
// labels, as generated at that count, fit the axis. Tried from the most down,
// so the choice depends only on range, width and font: a count that changes
// the labels' widths cannot flip it back on the next layout (that replotted
// without end, a core's worth of CPU, on a plot with a range between counts).
void PlotInteraction::fitTickCounts()
{
    for (QCPAxisRect* rect : plot_->axisRects())
        for (QCPAxis* axis : rect->axes(QCPAxis::atBottom | QCPAxis::atTop)) {
            QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
            if (!axis->visible() || !spreadsTicks(ticker) || rect->width() <= 0)
                continue;
            const QFontMetricsF metrics(axis->tickLabelFont());
            const int was = ticker->tickCount();
            int fitting = 2;
            for (int count = 6; count > 2; --count) {
                ticker->setTickCount(count);
                QVector<double> ticks;
                QVector<QString> labels;
                ticker->generate(axis->range(), plot_->locale(), axis->numberFormat().at(0), axis->numberPrecision(),
                                 ticks, nullptr, &labels);
                double widest = 0;
                for (const QString& label : labels)
                    widest = std::max(widest, metrics.horizontalAdvance(label));
                if (double(labels.size()) * 1.2 * (widest + metrics.height()) <= double(rect->width())) {
                    fitting = count;
                    break;
                }
            }
            ticker->setTickCount(fitting);
            if (fitting != was)
                plot_->replot(QCustomPlot::rpQueuedReplot);
        }
}
