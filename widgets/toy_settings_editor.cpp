#include "toy_settings_editor.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>

namespace {

QDoubleSpinBox* realBox(QWidget* parent, double lo, double hi, double step, int decimals, const QString& tip)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setLocale(QLocale::c()); // '.' in every locale, as the run's knobs
    box->setRange(lo, hi);
    box->setSingleStep(step);
    box->setDecimals(decimals);
    box->setToolTip(tip);
    return box;
}

} // namespace

ToySettingsEditor::ToySettingsEditor(QWidget* parent) : QWidget(parent)
{
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    lambda_ = realBox(this, 0, 100, 0.05, 3, tr("Weight of the rounding loss against Δwᵀ H Δw"));
    betaStart_ = realBox(this, 0.1, 1000, 1, 1, tr("β when the rounding loss switches on after the warm-up"));
    betaEnd_ = realBox(this, 0.1, 1000, 0.5, 1, tr("β at the last iteration"));
    schedule_ = new QComboBox(this);
    schedule_->addItem(tr("linear"));
    schedule_->addItem(tr("cosine"));
    schedule_->setToolTip(tr("How β falls after the warm-up (linear as BRECQ, cosine as AIMET)"));
    warmup_ = realBox(this, 0, 0.95, 0.05, 2, tr("Fraction of the iterations without the rounding loss"));
    learningRate_ = realBox(this, 0.0001, 10, 0.01, 4, tr("Adam's learning rate on V"));
    iterations_ = new QSpinBox(this);
    iterations_->setRange(10, 100000);
    iterations_->setSingleStep(100);
    iterations_->setToolTip(tr("Adam steps"));
    form->addRow(tr("λ"), lambda_);
    form->addRow(tr("β start"), betaStart_);
    form->addRow(tr("β end"), betaEnd_);
    form->addRow(tr("β schedule"), schedule_);
    form->addRow(tr("Warm-up"), warmup_);
    form->addRow(tr("Learning rate"), learningRate_);
    form->addRow(tr("Iterations"), iterations_);
    setSettings({});
    for (QDoubleSpinBox* b : {lambda_, betaStart_, betaEnd_, warmup_, learningRate_})
        connect(b, &QDoubleSpinBox::valueChanged, this, &ToySettingsEditor::changed);
    connect(iterations_, &QSpinBox::valueChanged, this, &ToySettingsEditor::changed);
    connect(schedule_, &QComboBox::currentIndexChanged, this, &ToySettingsEditor::changed);
}

adaround::teaching::ToySettings ToySettingsEditor::settings() const
{
    adaround::teaching::ToySettings s;
    s.lambda = lambda_->value();
    s.betaStart = betaStart_->value();
    s.betaEnd = betaEnd_->value();
    s.schedule = schedule_->currentIndex() == 1 ? adaround::BetaSchedule::Cosine : adaround::BetaSchedule::Linear;
    s.warmup = warmup_->value();
    s.learningRate = learningRate_->value();
    s.iterations = iterations_->value();
    s.recordEvery = std::max(1, s.iterations / 200); // about 200 frames whatever the length
    return s;
}

void ToySettingsEditor::setSettings(const adaround::teaching::ToySettings& s)
{
    const QSignalBlocker blockers[] = {QSignalBlocker(lambda_),   QSignalBlocker(betaStart_),    QSignalBlocker(betaEnd_),
                                       QSignalBlocker(schedule_), QSignalBlocker(warmup_),       QSignalBlocker(learningRate_),
                                       QSignalBlocker(iterations_)};
    lambda_->setValue(s.lambda);
    betaStart_->setValue(s.betaStart);
    betaEnd_->setValue(s.betaEnd);
    schedule_->setCurrentIndex(s.schedule == adaround::BetaSchedule::Cosine ? 1 : 0);
    warmup_->setValue(s.warmup);
    learningRate_->setValue(s.learningRate);
    iterations_->setValue(s.iterations);
    emit changed();
}
