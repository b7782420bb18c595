#include "rounding_toy_view.h"

#include "n_weights_view.h"
#include "toy_explanations.h"
#include "two_weight_view.h"

RoundingToyView::RoundingToyView(QWidget* parent) : QTabWidget(parent)
{
    two_ = new TwoWeightView(this);
    n_ = new NWeightsView(this);
    addTab(two_, tr("Two weights"));
    addTab(n_, tr("n weights"));
    setTabToolTip(0, toyexplain::twoWeightsTitle());
    setTabToolTip(1, toyexplain::nWeightsTitle());
    two_->setWhatsThis(QStringLiteral("<h3>%1</h3>%2").arg(toyexplain::twoWeightsTitle(), toyexplain::twoWeightsHtml()));
    n_->setWhatsThis(QStringLiteral("<h3>%1</h3>%2").arg(toyexplain::nWeightsTitle(), toyexplain::nWeightsHtml()));
}

void RoundingToyView::prepareScreenshot()
{
    if (currentWidget() == n_)
        n_->trySeeds();
    else
        two_->prepareScreenshot();
}
