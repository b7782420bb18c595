#include "weight_budget.h"

#include "layer_table_model.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

int64_t elements(const adaround::LayerInfo& l)
{
    int64_t n = 1;
    for (int64_t d : l.weightShape)
        n *= d;
    return l.weightShape.empty() ? 0 : n;
}

constexpr int kFloatBits = 32;

} // namespace

WeightBudget::WeightBudget(LayerTableModel* layers, QWidget* parent) : QWidget(parent), layers_(layers)
{
    size_ = new QLabel(this);
    size_->setObjectName(QStringLiteral("weightSize"));
    size_->setWordWrap(true); // a long line would widen the setup dock and squeeze the dashboard
    size_->setToolTip(tr("The quantized layers' weights at the bits in the table (float layers count 32 bits; "
                         "biases and scales not counted), as the sensitivity plan counts them"));
    budget_ = new QDoubleSpinBox(this);
    budget_->setDecimals(2);
    budget_->setToolTip(tr("The size budget the sensitivity plan chooses per-layer bits for"));
    unit_ = new QComboBox(this);
    unit_->addItems({tr("bits per weight"), tr("KB")});
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Budget:"), this));
    row->addWidget(budget_);
    row->addWidget(unit_);
    row->addStretch(1);
    // The actions on their own row: beside the budget they would widen the setup
    // dock past what leaves the dashboard its grid on a 1280-pixel screen.
    buttons_ = new QHBoxLayout;
    buttons_->setContentsMargins(0, 0, 0, 0);
    auto* actions = new QHBoxLayout;
    actions->addLayout(buttons_);
    actions->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(size_);
    layout->addLayout(row);
    layout->addLayout(actions);
    plan_ = new QLabel(this);
    plan_->setWordWrap(true);
    plan_->hide();
    layout->addWidget(plan_);
    setBudget(4.0, AverageBits);
    connect(budget_, &QDoubleSpinBox::valueChanged, this, [this] {
        update();
        emit budgetChanged();
    });
    connect(unit_, &QComboBox::currentIndexChanged, this, &WeightBudget::unitChanged);
    connect(layers_, &QAbstractItemModel::modelReset, this, &WeightBudget::update);
    connect(layers_, &LayerTableModel::bitsChanged, this, &WeightBudget::update);
    connect(layers_, &QAbstractItemModel::dataChanged, this, &WeightBudget::update);
    update();
}

int64_t WeightBudget::weightCount(const LayerTableModel& layers)
{
    int64_t n = 0;
    for (const adaround::LayerInfo& l : layers.layers())
        n += elements(l);
    return n;
}

int64_t WeightBudget::sizeBits(const LayerTableModel& layers)
{
    int64_t bits = 0;
    for (size_t i = 0; i < layers.layers().size() && i < layers.bits().size(); ++i)
        bits += elements(layers.layers()[i]) * (layers.bits()[i] > 0 ? layers.bits()[i] : kFloatBits);
    return bits;
}

int64_t WeightBudget::sizeBits() const
{
    return sizeBits(*layers_);
}

WeightBudget::Unit WeightBudget::unit() const
{
    return Unit(unit_->currentIndex());
}

void WeightBudget::setBudget(double value, Unit unit)
{
    const QSignalBlocker block(unit_);
    unit_->setCurrentIndex(unit);
    if (unit == AverageBits)
        budget_->setRange(2.0, 32.0);
    else
        budget_->setRange(0.01, 1e7);
    budget_->setSingleStep(unit == AverageBits ? 0.25 : 1.0);
    budget_->setValue(value);
    update();
}

double WeightBudget::averageBitsBudget() const
{
    if (unit() == AverageBits)
        return budget_->value();
    const int64_t weights = weightCount(*layers_);
    return weights > 0 ? budget_->value() * 1024.0 * 8.0 / double(weights) : 0.0;
}

bool WeightBudget::withinBudget() const
{
    const int64_t weights = weightCount(*layers_);
    return weights > 0 && double(sizeBits()) <= averageBitsBudget() * double(weights) + 1e-6;
}

QString WeightBudget::sizeText() const
{
    return size_->text();
}

void WeightBudget::addActions(const QList<QAction*>& actions)
{
    for (QAction* a : actions) {
        auto* b = new QToolButton(this);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        buttons_->addWidget(b);
    }
}

void WeightBudget::setPlanText(const QString& text)
{
    plan_->setText(text);
    plan_->setVisible(!text.isEmpty());
}

QString WeightBudget::planText() const
{
    return plan_->text();
}

void WeightBudget::unitChanged()
{
    // The same budget in the other unit.
    const int64_t weights = weightCount(*layers_);
    const double bits = unit() == Kilobytes ? budget_->value() : budget_->value() * 1024.0 * 8.0 / std::max<int64_t>(weights, 1);
    const double value = unit() == Kilobytes ? bits * double(weights) / 8.0 / 1024.0 : bits;
    setBudget(weights > 0 ? value : budget_->value(), unit());
    emit budgetChanged();
}

void WeightBudget::update()
{
    const int64_t weights = weightCount(*layers_);
    if (weights == 0) {
        size_->setText(tr("Weights: open a model to see their size"));
        return;
    }
    const QLocale locale;
    const int64_t bits = sizeBits();
    const double avg = double(bits) / double(weights);
    const double budgetKb = averageBitsBudget() * double(weights) / 8.0 / 1024.0;
    size_->setText(tr("Weights: <b>%1 KB</b> at these bits (%2 bits per weight, %3 weights); budget %4 KB: %5")
                       .arg(locale.toString(double(bits) / 8.0 / 1024.0, 'f', 1), locale.toString(avg, 'f', 2),
                            locale.toString(qlonglong(weights)), locale.toString(budgetKb, 'f', 1),
                            withinBudget() ? tr("within") : tr("<span style='color:#c0392b'>over</span>")));
}
