#include "two_weight_view.h"

#include "loss_landscape_plot.h"
#include "toy_explanations.h"
#include "toy_loss_plot.h"
#include "toy_settings_editor.h"

#include "adaround/error.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

using namespace adaround::teaching;

namespace {

constexpr int kTickMs = 40;

struct Example {
    const char* name;
    double w1, w2, h11, h12, h22;
};
// Nearest is not optimal; a symmetric start; independent weights; strong and negative correlation.
const Example kExamples[] = {
    {QT_TRANSLATE_NOOP("TwoWeightView", "Paper's H: nearest is not optimal"), 0.3, 0.45, 1, 0.5, 1},
    {QT_TRANSLATE_NOOP("TwoWeightView", "Symmetric start: AdaRound cannot choose"), 0.4, 0.4, 1, 0.5, 1},
    {QT_TRANSLATE_NOOP("TwoWeightView", "Independent weights: nearest is optimal"), 0.3, 0.45, 1, 0, 1},
    {QT_TRANSLATE_NOOP("TwoWeightView", "Strong correlation (h12 = 0.9)"), 0.2, 0.35, 1, 0.9, 1},
    {QT_TRANSLATE_NOOP("TwoWeightView", "Negative correlation (h12 = -0.5)"), 0.3, 0.45, 1, -0.5, 1},
};
const double kSpeeds[] = {0.5, 1, 2, 4, 8}; // path points per tick

QString arrows(uint32_t bits)
{
    return QStringLiteral("(%1, %2)").arg((bits & 1u) ? QStringLiteral("↑") : QStringLiteral("↓"),
                                      (bits & 2u) ? QStringLiteral("↑") : QStringLiteral("↓"));
}

} // namespace

QDoubleSpinBox* TwoWeightView::spin(double lo, double hi, double step, const QString& tip)
{
    auto* box = new QDoubleSpinBox(this);
    box->setLocale(QLocale::c());
    box->setRange(lo, hi);
    box->setSingleStep(step);
    box->setDecimals(2);
    box->setToolTip(tip);
    connect(box, &QDoubleSpinBox::valueChanged, this, &TwoWeightView::problemChanged);
    return box;
}

TwoWeightView::TwoWeightView(QWidget* parent) : QWidget(parent)
{
    landscape_ = new LossLandscapePlot(this);
    lossPlot_ = new ToyLossPlot(this);
    auto* plots = new QVBoxLayout;
    plots->addWidget(landscape_, 3);
    plots->addWidget(lossPlot_, 2);

    auto* side = new QWidget;
    auto* column = new QVBoxLayout(side);
    auto* problemBox = new QGroupBox(tr("Problem"), side);
    auto* form = new QFormLayout(problemBox);
    examples_ = new QComboBox(problemBox);
    for (const Example& e : kExamples)
        examples_->addItem(tr(e.name));
    examples_->addItem(tr("Your own (edit below)"));
    form->addRow(examples_);
    w1_ = spin(0.01, 0.99, 0.01, tr("Fractional part of weight 1 (w₁/s − ⌊w₁/s⌋); or drag the cross"));
    w2_ = spin(0.01, 0.99, 0.01, tr("Fractional part of weight 2; or drag the cross"));
    h11_ = spin(0, 5, 0.1, tr("H's first diagonal entry (the curvature along w₁)"));
    h12_ = spin(-5, 5, 0.05, tr("H's off-diagonal entry (how the two weights' errors interact)"));
    h22_ = spin(0, 5, 0.1, tr("H's second diagonal entry"));
    form->addRow(tr("w₁ (fraction)"), w1_);
    form->addRow(tr("w₂ (fraction)"), w2_);
    form->addRow(tr("h₁₁"), h11_);
    form->addRow(tr("h₁₂ = h₂₁"), h12_);
    form->addRow(tr("h₂₂"), h22_);
    psd_ = new QLabel(problemBox);
    psd_->setWordWrap(true);
    form->addRow(psd_);
    column->addWidget(problemBox);

    auto* runBox = new QGroupBox(tr("AdaRound on this problem"), side);
    auto* runLayout = new QVBoxLayout(runBox);
    auto* scaled = new QLabel(tr("Defaults scaled to two weights, not a layer's (λ 0.01, lr 0.001, 10,000 "
                                 "iterations)."),
                              runBox);
    scaled->setWordWrap(true);
    runLayout->addWidget(scaled);
    settings_ = new ToySettingsEditor(runBox);
    runLayout->addWidget(settings_);
    auto* buttons = new QHBoxLayout;
    runButton_ = new QPushButton(tr("Run AdaRound"), runBox);
    runButton_->setObjectName(QStringLiteral("teachRun"));
    speed_ = new QComboBox(runBox);
    for (double s : kSpeeds)
        speed_->addItem(tr("%1× speed").arg(s / 2));
    speed_->addItem(tr("Instant"));
    speed_->setCurrentIndex(2); // 1x: a default run in about 4 s
    speed_->setToolTip(tr("How fast the path is drawn"));
    speed_->setObjectName(QStringLiteral("teachSpeed"));
    buttons->addWidget(runButton_);
    buttons->addWidget(speed_);
    runLayout->addLayout(buttons);
    result_ = new QLabel(runBox);
    result_->setWordWrap(true);
    result_->setTextFormat(Qt::RichText);
    runLayout->addWidget(result_);
    column->addWidget(runBox);

    auto* helpBox = new QGroupBox(tr("What am I looking at?"), side);
    auto* helpLayout = new QVBoxLayout(helpBox);
    auto* help = new QLabel(toyexplain::twoWeightsHtml(), helpBox);
    help->setWordWrap(true);
    help->setTextFormat(Qt::RichText);
    helpLayout->addWidget(help);
    column->addWidget(helpBox);
    column->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(side);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFixedWidth(360);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(plots, 1);
    layout->addWidget(scroll);

    timer_ = new QTimer(this);
    timer_->setInterval(kTickMs);
    connect(timer_, &QTimer::timeout, this, &TwoWeightView::advance);
    connect(runButton_, &QPushButton::clicked, this, [this] { runAdaRound(speed_->currentIndex() == speed_->count() - 1); });
    connect(settings_, &ToySettingsEditor::changed, this, &TwoWeightView::problemChanged);
    connect(examples_, &QComboBox::activated, this, &TwoWeightView::applyExample);
    connect(landscape_, &LossLandscapePlot::weightsMoved, this, [this](double a, double b) {
        setProblem(a - std::floor(a), b - std::floor(b), h11_->value(), h12_->value(), h22_->value());
    });
    applyExample(0);
}

void TwoWeightView::applyExample(int index)
{
    if (index < 0 || index >= int(std::size(kExamples)))
        return;
    const Example& e = kExamples[index];
    setProblem(e.w1, e.w2, e.h11, e.h12, e.h22);
    examples_->setCurrentIndex(index);
}

void TwoWeightView::setProblem(double w1, double w2, double h11, double h12, double h22)
{
    {
        const QSignalBlocker b1(w1_), b2(w2_), b3(h11_), b4(h12_), b5(h22_);
        w1_->setValue(w1);
        w2_->setValue(w2);
        h11_->setValue(h11);
        h12_->setValue(h12);
        h22_->setValue(h22);
    }
    problemChanged();
}

QuadraticRounding TwoWeightView::problem() const
{
    return {{w1_->value(), w2_->value()}, {h11_->value(), h12_->value(), h12_->value(), h22_->value()}};
}

void TwoWeightView::problemChanged()
{
    // Whatever changed, a shown run no longer belongs to the problem.
    timer_->stop();
    hasRun_ = false;
    lossPlot_->clearRun();
    const QuadraticRounding p = problem();
    int match = int(std::size(kExamples));
    for (int i = 0; i < int(std::size(kExamples)); ++i) {
        const Example& e = kExamples[i];
        if (std::abs(e.w1 - p.w[0]) < 1e-9 && std::abs(e.w2 - p.w[1]) < 1e-9 && std::abs(e.h11 - p.h[0]) < 1e-9 &&
            std::abs(e.h12 - p.h[1]) < 1e-9 && std::abs(e.h22 - p.h[3]) < 1e-9)
            match = i;
    }
    examples_->setCurrentIndex(match);
    problemError_ = QString::fromStdString(psdProblem(p.h, 2));
    runButton_->setEnabled(problemError_.isEmpty());
    if (!problemError_.isEmpty()) {
        psd_->setText(tr("<span style='color:#b00000'><b>H is not positive semidefinite</b>: %1. A Hessian of a "
                         "loss at its minimum never is; the map still shows the last valid H.</span>")
                          .arg(problemError_.toHtmlEscaped()));
        return;
    }
    const double det = p.h[0] * p.h[3] - p.h[1] * p.h[1];
    psd_->setText(tr("H is positive semidefinite (det H = %1).").arg(det, 0, 'f', 3));
    landscape_->setProblem(p);
    const Corner nearest = nearestCorner(p), best = optimalCorner(p);
    result_->setText(nearest.bits == best.bits
                         ? tr("Here nearest is optimal (%1, loss %2).").arg(arrows(best.bits)).arg(best.loss, 0, 'f', 3)
                         : tr("Nearest %1 costs %2; the optimum %3 costs %4. Will AdaRound find it?")
                               .arg(arrows(nearest.bits))
                               .arg(nearest.loss, 0, 'f', 3)
                               .arg(arrows(best.bits))
                               .arg(best.loss, 0, 'f', 3));
}

void TwoWeightView::runAdaRound(bool instant)
{
    if (!problemError_.isEmpty())
        return;
    const ToySettings s = settings_->settings();
    try {
        run_ = runToyAdaRound(problem(), s);
    } catch (const adaround::Error& e) {
        result_->setText(tr("<span style='color:#b00000'>%1</span>").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
        return;
    }
    hasRun_ = true;
    lossPlot_->setRun(run_, s);
    frame_ = 0;
    if (instant) {
        showFrame(int(run_.path.size()) - 1);
        return;
    }
    showFrame(0);
    timer_->start();
}

bool TwoWeightView::animating() const
{
    return timer_->isActive();
}

void TwoWeightView::finishAnimation()
{
    if (hasRun_)
        showFrame(int(run_.path.size()) - 1);
}

void TwoWeightView::advance()
{
    const int speed = speed_->currentIndex();
    frame_ += speed < int(std::size(kSpeeds)) ? kSpeeds[speed] : 1e9;
    showFrame(std::min(int(frame_), int(run_.path.size()) - 1));
}

void TwoWeightView::showFrame(int frame)
{
    const QuadraticRounding p = problem();
    QVector<QPointF> points;
    for (int i = 0; i <= frame; ++i)
        points << QPointF(std::floor(p.w[0]) + run_.path[size_t(i)].h[0], std::floor(p.w[1]) + run_.path[size_t(i)].h[1]);
    landscape_->setPath(points);
    lossPlot_->setFrame(frame);
    const ToyStep& step = run_.path[size_t(frame)];
    const bool end = frame + 1 >= int(run_.path.size());
    if (!end) {
        result_->setText(tr("Iteration %1, β = %2: h = (%3, %4)")
                             .arg(step.iteration)
                             .arg(step.beta, 0, 'f', 1)
                             .arg(step.h[0], 0, 'f', 2)
                             .arg(step.h[1], 0, 'f', 2));
        return;
    }
    timer_->stop();
    result_->setText(resultText());
    emit runFinished();
}

QString TwoWeightView::resultText() const
{
    if (!hasRun_)
        return {};
    const QuadraticRounding p = problem();
    const Corner nearest = nearestCorner(p), best = optimalCorner(p);
    QString verdict = run_.corner.bits == best.bits ? tr("<b>AdaRound found the optimum.</b>")
                                                    : tr("<b>AdaRound missed the optimum</b> (a heuristic).");
    if (run_.settled < 2)
        verdict += tr(" Not every h(V) reached 0 or 1: a larger λ or more iterations settle it.");
    return tr("Nearest %1: loss %2<br>Optimal %3: loss %4<br>AdaRound %5: loss %6<br>%7")
        .arg(arrows(nearest.bits))
        .arg(nearest.loss, 0, 'f', 3)
        .arg(arrows(best.bits))
        .arg(best.loss, 0, 'f', 3)
        .arg(arrows(run_.corner.bits))
        .arg(run_.corner.loss, 0, 'f', 3)
        .arg(verdict);
}

void TwoWeightView::prepareScreenshot()
{
    applyExample(0);
    runAdaRound(true);
}
