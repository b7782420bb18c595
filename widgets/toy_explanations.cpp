#include "toy_explanations.h"

#include <QCoreApplication>

namespace toyexplain {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("toyexplain", text);
}

} // namespace

QString twoWeightsTitle()
{
    return tr("Two weights: why rounding to nearest is not optimal");
}

QString twoWeightsHtml()
{
    return tr(
        "<p>Rounding changes each weight by a small step Δw. To second order, the loss of the network grows by "
        "<b>Δw<sup>T</sup> H Δw</b>, where H is the Hessian (for one linear layer: the correlation of its "
        "inputs). With H = [[1, 0.5], [0.5, 1]] this is <b>Δw<sub>1</sub>² + Δw<sub>2</sub>² + "
        "Δw<sub>1</sub>Δw<sub>2</sub></b>: the cross term rewards rounding the two weights in "
        "<i>opposite</i> directions, which rounding each weight to nearest never considers.</p>"
        "<p><b>The map</b>: the colour is this loss for every pair of rounded values (w̃<sub>1</sub>, "
        "w̃<sub>2</sub>), in grid steps, with contour lines of equal loss (ellipses around the FP32 weights w, "
        "the cross). The four grid points around w are the only values rounding may choose: each is labelled "
        "with its loss. The square marks <b>round to nearest</b>, the star the <b>optimal</b> corner. Drag the "
        "cross (or set the fractional positions) and edit H to see when the two differ.</p>"
        "<p><b>Run AdaRound</b> relaxes the choice: w̃<sub>i</sub> = ⌊w<sub>i</sub>⌋ + h(V<sub>i</sub>) with "
        "h(V) = clip(σ(V)(ζ − γ) + γ, 0, 1), ζ = 1.1, γ = −0.1, starting at the FP32 weight (h = fractional "
        "part), and minimises <b>Δw<sup>T</sup> H Δw + λ Σ (1 − |2h − 1|<sup>β</sup>)</b> with Adam. During "
        "the warm-up only the first term counts, and the start is already its minimum, so nothing moves. Then "
        "the regulariser pushes each h to 0 or 1; β falls from its start to its end value, so at first it acts "
        "only near 0 and 1 and at the end everywhere. The red path is (⌊w<sub>1</sub>⌋ + h<sub>1</sub>, "
        "⌊w<sub>2</sub>⌋ + h<sub>2</sub>): the weight farther from 0.5 decides first, and the other follows the "
        "valley of the ellipses to the better corner. Below: the two loss terms and β over the iterations.</p>"
        "<p><b>Find the failures</b>: it is a heuristic. Equal fractional positions under a symmetric H (try "
        "the example <i>Symmetric start</i>) get equal gradients, so h<sub>1</sub> = h<sub>2</sub> for ever and "
        "AdaRound cannot pick one of the two equally good opposite corners. A large λ or a short run decides "
        "before the loss has had its say.</p>");
}

QString nWeightsTitle()
{
    return tr("n weights: nearest, AdaRound and the true optimum");
}

QString nWeightsHtml()
{
    return tr(
        "<p>The same problem with n weights (up to 12): minimise <b>Δw<sup>T</sup> H Δw</b> over the "
        "2<sup>n</sup> ways to round them, for a random positive definite H = A<sup>T</sup>A / n + 0.05 I and "
        "random fractional positions (the seed makes the problem). With so few weights every corner can be "
        "tried, so the optimum is known exactly; a real layer has millions of weights, where only a heuristic "
        "like AdaRound can search.</p>"
        "<p>The bars compare the loss of rounding to nearest, of AdaRound's corner and of the optimum; the table "
        "shows each weight's fractional position and which way each method rounds it (↑ up, ↓ down), "
        "highlighted where it differs from the optimum. <b>Try 50 seeds</b> counts how often AdaRound finds the "
        "optimum and how often it is at least as good as nearest: as n grows, nearest is almost never optimal "
        "and AdaRound usually lands close to, but not always on, the optimum.</p>");
}

} // namespace toyexplain
