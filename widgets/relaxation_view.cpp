#include "relaxation_view.h"

#include "adaround/overloaded.h"
#include "adaround/rounding_relaxation.h"
#include "beta_schedule_plot.h"
#include "rectified_sigmoid_plot.h"
#include "regulariser_plot.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScopedValueRollback>
#include <QSlider>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {
constexpr int kDrawIntervalMs = 100; // as the dashboard: a burst of events costs one redraw
}

QString RelaxationView::explanationHtml()
{
    return tr("<p><b>Up or down?</b> Round-to-nearest decides each weight alone. AdaRound learns for every weight "
              "how far to round up, W̃ = s·(⌊W/s⌋ + h(V)), so that the layer's <i>output</i> stays close to FP32.</p>"
              "<p><b>The relaxation</b> (left): h(V) = clip(σ(V)(ζ − γ) + γ, 0, 1) with ζ = %1, γ = %2. The "
              "sigmoid is stretched past [0, 1] and clipped, so h reaches exactly 0 (down) or 1 (up) and its "
              "gradient is then zero: that weight has decided.</p>"
              "<p><b>The regulariser</b> (below): the loss is ‖f(Wx) − f(W̃x̂)‖² + λ·Σ f_reg(h(V)) with "
              "f_reg(h) = 1 − |2h − 1|^β, zero at 0 and 1 and one at ½. At a high β (20) the curve is flat in the "
              "middle: only values already near 0 or 1 are pulled there, the others move freely to lower the "
              "reconstruction error. As β falls to 2 it becomes a parabola that pushes every value out. In the "
              "warm-up (the first part of each layer, shaded on the β schedule) there is no regulariser at all.</p>"
              "<p><b>The bars</b> are the shown layer's h(V) histogram (right axis): watch the mass leave the "
              "middle and pile up at 0 and 1 as the red curve sinks.</p>")
        .arg(QLocale().toString(adaround::kRelaxationZeta), QLocale().toString(adaround::kRelaxationGamma));
}

RelaxationView::RelaxationView(QWidget* parent)
    : QWidget(parent), sigmoid_(new RectifiedSigmoidPlot), regulariser_(new RegulariserPlot),
      schedule_(new BetaSchedulePlot)
{
    sigmoid_->setObjectName(QStringLiteral("rectifiedSigmoid"));
    regulariser_->setObjectName(QStringLiteral("regulariser"));
    schedule_->setObjectName(QStringLiteral("relaxationSchedule"));

    // The equations in one line; the explanation for students a click away
    // (it takes the plots' room when open).
    auto* summary = new QLabel(tr("W̃ = s·(⌊W/s⌋ + h(V)),&nbsp; h(V) = clip(σ(V)(ζ − γ) + γ, 0, 1)<br>"
                                  "loss = rec + λ·Σ f_reg(h(V)),&nbsp; f_reg(h) = 1 − |2h − 1|^β&nbsp; "
                                  "(no f_reg in the warm-up)"));
    summary->setTextFormat(Qt::RichText);
    summary->setWordWrap(true);
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* explain = new QToolButton;
    explain->setObjectName(QStringLiteral("relaxationExplain"));
    explain->setText(tr("What am I looking at?"));
    explain->setCheckable(true);
    explanation_ = new QLabel(explanationHtml());
    explanation_->setObjectName(QStringLiteral("relaxationExplanation"));
    explanation_->setWordWrap(true);
    explanation_->setTextFormat(Qt::RichText);
    explanation_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    explanation_->setMinimumWidth(200);
    explanation_->setVisible(false);
    connect(explain, &QToolButton::toggled, explanation_, &QWidget::setVisible);
    auto* head = new QHBoxLayout;
    head->addWidget(summary, 1);
    head->addWidget(explain, 0, Qt::AlignTop);

    layerBox_ = new QComboBox;
    layerBox_->setObjectName(QStringLiteral("relaxationLayer"));
    layerBox_->setToolTip(tr("The layer whose h(V) histogram is drawn under the regulariser"));
    slider_ = new QSlider(Qt::Horizontal);
    slider_->setObjectName(QStringLiteral("relaxationSnapshot"));
    slider_->setToolTip(tr("Scrub through the layer's h(V) snapshots; β and the marker follow"));
    slider_->setPageStep(1);
    snapshotLabel_ = new QLabel;
    snapshotLabel_->setFixedWidth(snapshotLabel_->fontMetrics().horizontalAdvance(tr("iteration 100,000 (99/99)")));
    followButton_ = new QToolButton;
    followButton_->setText(tr("Follow live"));
    followButton_->setToolTip(tr("Show the running layer again as the run goes on"));
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Layer:")));
    controls->addWidget(layerBox_, 1);
    controls->addWidget(slider_, 2);
    controls->addWidget(snapshotLabel_);
    controls->addWidget(followButton_);

    top_ = new QSplitter(Qt::Horizontal);
    top_->addWidget(sigmoid_);
    top_->addWidget(schedule_);
    top_->setChildrenCollapsible(false);
    auto* plots = new QSplitter(Qt::Vertical);
    plots->addWidget(top_);
    plots->addWidget(regulariser_);
    plots->setStretchFactor(0, 2);
    plots->setStretchFactor(1, 3);
    plots->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(head);
    layout->addWidget(explanation_);
    layout->addLayout(controls);
    layout->addWidget(plots, 1);

    drawTimer_.setSingleShot(true);
    drawTimer_.setInterval(kDrawIntervalMs);
    connect(&drawTimer_, &QTimer::timeout, this, &RelaxationView::flush);
    connect(layerBox_, &QComboBox::activated, this, [this](int row) {
        const int layer = layerBox_->itemData(row).toInt();
        const auto it = snapshots_.find(layer);
        showSnapshot(layer, it == snapshots_.end() ? -1 : int(it->second.size()) - 1);
    });
    connect(slider_, &QSlider::valueChanged, this, [this](int index) {
        if (!syncing_)
            showSnapshot(shown_, index);
    });
    connect(followButton_, &QToolButton::clicked, this, &RelaxationView::followLive);
    clear();
}

void RelaxationView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (sized_)
        return;
    sized_ = true; // once: afterwards the user's handle positions stay
    const int w = std::max(2, top_->width());
    top_->setSizes({w * 11 / 20, w - w * 11 / 20}); // by the plots' size hints, h(V)'s legend would take it all
}

void RelaxationView::clear()
{
    layers_.clear();
    snapshots_.clear();
    shown_ = shownSnapshot_ = iteration_ = -1;
    beta_ = 0;
    regularised_ = false;
    follow_ = true;
    live_ = false;
    annealing_ = {};
    lambda_ = 0;
    regulariser_->clearCurrent();
    regulariser_->clearHistogram();
    schedule_->clearMarker();
    {
        const QScopedValueRollback<bool> guard(syncing_, true);
        layerBox_->clear();
    }
    updateControls();
    scheduleDraw();
}

const std::vector<adaround::HistogramSnapshot>& RelaxationView::snapshots(int layer) const
{
    static const std::vector<adaround::HistogramSnapshot> none;
    const auto it = snapshots_.find(layer);
    return it == snapshots_.end() ? none : it->second;
}

void RelaxationView::showRecord(const adaround::RunRecord& r)
{
    {
        const QScopedValueRollback<bool> guard(stored_, true);
        adaround::CallbackObserver feed([this](const adaround::RunEvent& e) { onRunEvent(e); });
        adaround::replay(r, feed);
    }
    live_ = false;
    if (shown_ >= 0)
        showSnapshot(shown_, int(snapshots(shown_).size()) - 1);
    flush();
}

void RelaxationView::onRunEvent(const adaround::RunEvent& e)
{
    std::visit(adaround::overloaded{[this](const adaround::RunFinished&) { runEnded(); },
                                    [this](const adaround::RunCancelled&) { runEnded(); },
                                    [this](const adaround::RunFailed&) { runEnded(); },
                                    [this](const auto& event) { on(event); }},
               e);
}

void RelaxationView::on(const adaround::RunStarted& e)
{
    clear();
    live_ = !stored_;
    annealing_ = adaround::AnnealingSchedule::from(e.config);
    lambda_ = e.config.lambda;
    schedule_->setSchedule(annealing_);
    updateControls();
}

void RelaxationView::on(const adaround::LayerStarted& e)
{
    if (e.iterations <= 0)
        return; // rounded to nearest: no h(V)
    layers_.push_back(e);
    {
        const QScopedValueRollback<bool> guard(syncing_, true);
        layerBox_->addItem(tr("%1 (%2 bits)").arg(QString::fromStdString(e.name)).arg(e.bits), e.layer);
    }
    if (follow_) {
        showLayer(e.layer);
        setPosition(0, annealing_.beta(0));
    }
    updateControls();
}

void RelaxationView::on(const adaround::IterationStats& e)
{
    if (follow_ && e.layer == shown_)
        setPosition(e.iteration, e.beta);
}

void RelaxationView::on(const adaround::HistogramSnapshot& e)
{
    std::vector<adaround::HistogramSnapshot>& list = snapshots_[e.layer];
    list.push_back(e);
    if (e.layer != shown_)
        return;
    if (follow_) {
        showIndex(int(list.size()) - 1);
        if (iteration_ < e.iteration) // before the layer's first statistics: the snapshot says where it is
            setPosition(e.iteration, annealing_.beta(std::max(0, e.iteration - 1)));
    }
    updateControls();
}

void RelaxationView::runEnded()
{
    live_ = false;
    updateControls();
}

void RelaxationView::showSnapshot(int layer, int index)
{
    follow_ = false;
    if (layer != shown_)
        showLayer(layer);
    const auto& list = snapshots(layer);
    if (index < 0 || index >= int(list.size())) {
        updateControls();
        return;
    }
    showIndex(index);
    // β of the last step that made this snapshot (snapshot 0: before any step).
    setPosition(list[size_t(index)].iteration, annealing_.beta(std::max(0, list[size_t(index)].iteration - 1)));
    updateControls();
}

void RelaxationView::followLive()
{
    follow_ = true;
    if (!layers_.empty()) {
        const int running = layers_.back().layer;
        showLayer(running);
        const auto& list = snapshots(running);
        if (!list.empty())
            showIndex(int(list.size()) - 1);
    }
    updateControls();
}

void RelaxationView::showLayer(int layer)
{
    shown_ = layer;
    shownSnapshot_ = -1;
    regulariser_->clearHistogram(tr("Regulariser f_reg and h(V) of %1: waiting for its first snapshot").arg(layerName(layer)));
    scheduleDraw();
}

void RelaxationView::showIndex(int index)
{
    const auto& list = snapshots(shown_);
    if (index < 0 || index >= int(list.size()))
        return;
    shownSnapshot_ = index;
    regulariser_->setHistogram(list[size_t(index)], layerName(shown_));
    scheduleDraw();
}

void RelaxationView::setPosition(int iteration, double beta)
{
    iteration_ = iteration;
    beta_ = beta;
    // The step that led to ITERATION (0: none yet) ran with the regulariser or without.
    regularised_ = iteration > 0 && lambda_ > 0 && annealing_.regularised(iteration - 1);
    regulariser_->setCurrent(beta, regularised_,
                             lambda_ > 0 ? QString() : tr("λ = 0 in this run: no regulariser at all"));
    scheduleDraw();
}

QString RelaxationView::layerName(int layer) const
{
    for (const adaround::LayerStarted& s : layers_)
        if (s.layer == layer)
            return QString::fromStdString(s.name);
    return tr("layer %1").arg(layer);
}

void RelaxationView::updateControls()
{
    const QScopedValueRollback<bool> guard(syncing_, true);
    const int row = layerBox_->findData(shown_);
    if (row >= 0)
        layerBox_->setCurrentIndex(row);
    const auto& list = snapshots(shown_);
    slider_->setEnabled(!list.empty());
    slider_->setRange(0, std::max(0, int(list.size()) - 1));
    slider_->setValue(std::max(0, shownSnapshot_));
    snapshotLabel_->setText(shownSnapshot_ < 0 ? QString()
                                                : tr("iteration %1 (%2/%3)")
                                                      .arg(QLocale().toString(list[size_t(shownSnapshot_)].iteration))
                                                      .arg(shownSnapshot_ + 1)
                                                      .arg(list.size()));
    followButton_->setEnabled(live_ && !follow_);
}

void RelaxationView::scheduleDraw()
{
    if (!stored_ && !drawTimer_.isActive())
        drawTimer_.start();
}

void RelaxationView::flush()
{
    drawTimer_.stop();
    if (iteration_ >= 0)
        schedule_->setMarker(iteration_, beta_);
    else
        schedule_->clearMarker();
    regulariser_->redraw();
    sigmoid_->replot(QCustomPlot::rpQueuedReplot);
}
