#include "help_texts.h"

#include "relaxation_view.h"
#include "toy_explanations.h"
#include "flips_view.h"

#include <QCoreApplication>

namespace helptexts {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("helptexts", text);
}

} // namespace

QStringList viewNames()
{
    return {QStringLiteral("loss"), QStringLiteral("histogram"), QStringLiteral("history"), QStringLiteral("accuracy"),
            QStringLiteral("table")};
}

QStringList teachingViewNames()
{
    return {QStringLiteral("two-weights"), QStringLiteral("n-weights"), QStringLiteral("relaxation"),
            QStringLiteral("flips")};
}

QString viewTitle(const QString& view)
{
    if (view == QLatin1String("two-weights"))
        return toyexplain::twoWeightsTitle();
    if (view == QLatin1String("n-weights"))
        return toyexplain::nWeightsTitle();
    if (view == QLatin1String("relaxation"))
        return tr("The relaxation and the regulariser (Teach menu)");
    if (view == QLatin1String("flips"))
        return tr("Teach: who flipped?");
    if (view == QLatin1String("loss"))
        return tr("Losses per iteration");
    if (view == QLatin1String("histogram"))
        return tr("h(V) histogram");
    if (view == QLatin1String("history"))
        return tr("h(V) history");
    if (view == QLatin1String("accuracy"))
        return tr("Top-1 accuracy as layers are quantized");
    if (view == QLatin1String("table"))
        return tr("Per-layer results");
    return {};
}

QString viewExplanation(const QString& view)
{
    if (view == QLatin1String("two-weights"))
        return toyexplain::twoWeightsHtml();
    if (view == QLatin1String("n-weights"))
        return toyexplain::nWeightsHtml();
    if (view == QLatin1String("relaxation"))
        return RelaxationView::explanationHtml() +
               tr("<p>How to read it: the β schedule (right of h(V)) has a red marker where the shown layer is; "
                  "the thick red curve below is f_reg at that β (grey and dashed, with a label, during the "
                  "warm-up, when the regulariser is off), the thin curves are fixed β for reference. It follows "
                  "a live run or a replay (Run > Replay Run...); for a stored run pick a layer and drag the "
                  "slider through its h(V) snapshots.</p>");
    if (view == QLatin1String("flips")) // the text the view itself shows
        return FlipsView::explanation() +
               tr("<p>Open it with Teach &gt; Who Flipped?. It shows the layer picked in the results table or the loss "
                  "plot. Beside the scatter: the h(V) trajectories of a seeded sample of the layer's weights "
                  "(<code>trajectory_samples</code>, 256; the bold line is the hovered weight), the share flipped by "
                  "distance from 0.5, and for conv layers one output channel's kernel (input channels × taps) "
                  "coloured by the rounding minus nearest: −1, 0 or +1.</p>");
    if (view == QLatin1String("loss"))
        return tr("<p>AdaRound optimises one layer at a time; this plot puts every layer's iterations one after "
                  "the other on one axis, a dotted line with the layer's name where each begins.</p>"
                  "<ul><li><b>Reconstruction loss</b>: how far the layer's output with the rounded weights is from "
                  "its FP32 output on the calibration images. It should fall quickly and stay low.</li>"
                  "<li><b>Rounding loss</b> (λ·reg, dashed): the push of each h(V) toward 0 or 1. It is zero "
                  "during the warm-up, then falls as the weights decide which way to round.</li>"
                  "<li><b>Total</b>: their sum, the quantity the optimiser lowers.</li>"
                  "<li><b>β</b> (right axis): the annealing exponent of the rounding loss, falling from its start to "
                  "its end value after the warm-up.</li></ul>"
                  "<p>The loss axis is logarithmic. Compared runs add their reconstruction and total losses, dashed, "
                  "in their own colours.</p>");
    if (view == QLatin1String("histogram"))
        return tr("<p>Where the current layer's rounding variables stand: one bar per bin of h(V) on [0, 1], "
                  "the height the share of the layer's weights in it. 0 means round down, 1 round up.</p>"
                  "<p>At the start h(V) sits at the weight's fractional part, spread over [0, 1]. As β falls the "
                  "rounding loss drives the values to the two ends; a good run ends with almost every weight in "
                  "the two outer bins (the title's <i>settled</i> share near 100%).</p>");
    if (view == QLatin1String("history"))
        return tr("<p>The same histogram over the layer's iterations as a heat map: x is the iteration within the "
                  "layer, y the h(V) bin, the colour the share of weights (log scale, so small shares still "
                  "show).</p><p>Read it left to right: a broad band in the middle that splits toward the top (1) "
                  "and bottom (0) edges as β anneals. Colour left in the middle at the right end means weights "
                  "that had not decided when the layer's iterations ran out.</p>");
    if (view == QLatin1String("accuracy"))
        return tr("<p>Top-1 accuracy of the network as layers are quantized one after another (x: layers "
                  "quantized so far): round-to-nearest (RTN) and AdaRound, with FP32 as the reference. The legend "
                  "and the axis say on how many evaluation images each line was measured; compare lines measured "
                  "on the same images.</p><p>After the run a panel beside it shows the final FP32, RTN and AdaRound "
                  "top-1 and top-5 on the whole evaluation set. The gap between RTN and AdaRound is what adaptive "
                  "rounding bought; the gap to FP32 is what quantization still costs. Compared runs add their "
                  "AdaRound curves, dashed.</p>");
    if (view == QLatin1String("table"))
        return tr("<p>One row per finished layer: its bits and objective; the reconstruction error (MSE of the "
                  "layer's output against FP32 on calibration data) with round-to-nearest, with the soft weights at "
                  "the end of the optimisation and after hard rounding; whether RTN was kept because hard rounding "
                  "did worse; the flipped and settled shares; and the layer's time.</p>"
                  "<p>MSE hard below MSE RTN is the layer-wise gain of AdaRound. MSE soft much lower than MSE hard "
                  "means h(V) had not settled: more iterations or a larger λ help. Right-click to export it as "
                  "CSV.</p>");
    return {};
}

QString glossary()
{
    return tr("<dl>"
              "<dt><b>RTN</b> (round to nearest)</dt><dd>Every weight rounded to the nearest point of the quantization "
              "grid: the baseline AdaRound improves on.</dd>"
              "<dt><b>h(V)</b></dt><dd>The rectified sigmoid of the learned variable V, one per weight, in [0, 1]: "
              "how much the weight is rounded up (0 = floor, 1 = floor + 1).</dd>"
              "<dt><b>Soft / hard MSE</b></dt><dd>The layer's output error against FP32 with the continuous weights "
              "floor(w/s) + h(V) (soft, what is optimised) and with h(V) rounded to 0 or 1 (hard, what is "
              "used).</dd>"
              "<dt><b>Settled</b></dt><dd>Share of a layer's h(V) within 0.01 of 0 or 1: decided. Near 100% at the end "
              "means soft and hard weights agree.</dd>"
              "<dt><b>Flipped</b></dt><dd>Share of weights AdaRound rounds the other way than round-to-nearest.</dd>"
              "<dt><b>Warm-up</b></dt><dd>The first fraction of a layer's iterations (0.2 by default) in which only the "
              "reconstruction loss is optimised: the rounding loss is off, β does not yet fall.</dd>"
              "<dt><b>β</b> (beta)</dt><dd>The exponent of the rounding loss 1 − |2h − 1|^β, annealed from high "
              "(20: flat in the middle, only values already near 0 or 1 are pulled there) to low (2: every value "
              "is pushed to 0 or 1).</dd>"
              "<dt><b>λ</b> (lambda)</dt><dd>The weight of the rounding loss against the reconstruction loss. Larger: "
              "h(V) settles sooner, at some cost in reconstruction.</dd>"
              "</dl>");
}

QString lookingAtPage()
{
    QString html = tr("<h2>What am I looking at?</h2>");
    for (const QString& view : viewNames())
        html += QStringLiteral("<h3><a name=\"%1\"></a>%2</h3>").arg(view, viewTitle(view)) + viewExplanation(view);
    html += tr("<h2>Teaching views (Teach menu)</h2>");
    for (const QString& view : teachingViewNames())
        html += QStringLiteral("<h3><a name=\"%1\"></a>%2</h3>").arg(view, viewTitle(view)) + viewExplanation(view);
    html += QStringLiteral("<h3><a name=\"glossary\"></a>%1</h3>").arg(tr("Glossary")) + glossary();
    return html;
}

} // namespace helptexts
