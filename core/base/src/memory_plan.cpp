#include "adaround/memory_plan.h"

#include <algorithm>

namespace adaround {

int64_t MemoryPlan::cachedBytes() const
{
    // The calibration images are freed once the cut states exist, so the two
    // are not held at once; the curve's states and the eval batches coexist with
    // whichever is larger (a conservative peak).
    return std::max(calibImageBytes, cutBytes + targetBytes) + curveBytes + evalBytes;
}

int64_t MemoryPlan::maxCalibImages() const
{
    const int64_t perImage = std::max(imageBytes, 2 * cutBytesPerImage + targetBytesPerImage);
    const int64_t left = budget - curveBytes - evalBytes;
    return perImage > 0 && left > 0 ? left / perImage : 0;
}

std::string mebibytes(int64_t bytes)
{
    std::string digits = std::to_string((bytes + (int64_t(1) << 19)) >> 20);
    for (int i = int(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(size_t(i), ",");
    return digits + " MiB";
}

std::string MemoryPlan::describe() const
{
    std::string s;
    s += "memory plan (budget " + mebibytes(budget) + "):\n";
    s += "  calibration images   " + mebibytes(calibImageBytes) + "  (" + std::to_string(calibImages) +
         " images, freed once captured)\n";
    s += "  cached layer inputs  " + mebibytes(cutBytes) + "  (FP32 + quantized at the widest cut, before " +
         widestLayer + ")\n";
    s += "  layer targets        " + mebibytes(targetBytes) + "  (" + widestLayer + "'s FP32 outputs)\n";
    if (curveImages > 0)
        s += "  progress curve       " + mebibytes(curveBytes) + "  (" + std::to_string(curveImages) +
             " eval images, RTN + quantized at the widest cut)\n";
    s += "  evaluation batches   " + mebibytes(evalBytes) + "  (" + std::to_string(evalBatch) +
         " images per batch, streamed)\n";
    s += "  model copies         " + mebibytes(modelBytes) + "  (FP32, RTN, quantized; not in the budget)\n";
    s += "  peak cached          " + mebibytes(cachedBytes()) + (fits() ? " fits" : " does NOT fit");
    return s;
}

std::string MemoryPlan::refusal() const
{
    std::string fix;
    const int64_t most = maxCalibImages();
    if (most > 0 && most < calibImages)
        fix += "use at most " + std::to_string(most) + " calibration images (--calib-size " + std::to_string(most) + ")";
    if (curveImages > 0 && curveBytes > 0)
        fix += std::string(fix.empty() ? "" : ", ") + "a smaller progress-curve subset (--eval-subset, now " +
               std::to_string(curveImages) + "; 0 turns the curve off)";
    fix += std::string(fix.empty() ? "" : ", or ") + "raise the budget (--memory-budget, in MiB)";
    return "the run needs " + mebibytes(cachedBytes()) + " of cached data (layer inputs before " + widestLayer +
           " for " + std::to_string(calibImages) + " calibration images: " + mebibytes(cutBytes) +
           ", its targets: " + mebibytes(targetBytes) +
           (curveImages > 0 ? "; progress curve: " + mebibytes(curveBytes) : std::string()) +
           "; evaluation batches: " + mebibytes(evalBytes) + "), over the " + mebibytes(budget) + " budget; " + fix;
}

} // namespace adaround
