#include "adaround/teaching/symmetric_eigen.h"

#include <algorithm>
#include <cmath>

namespace adaround::teaching {

std::vector<double> symmetricEigenvalues(std::vector<double> a, int n)
{
    auto at = [&](int i, int j) -> double& { return a[size_t(i) * size_t(n) + size_t(j)]; };
    // Cyclic Jacobi: rotate away each off-diagonal entry in turn; converges
    // quadratically, a few sweeps for n <= 12.
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0, diag = 0;
        for (int i = 0; i < n; ++i) {
            diag += at(i, i) * at(i, i);
            for (int j = i + 1; j < n; ++j)
                off += at(i, j) * at(i, j);
        }
        if (off <= 1e-30 * std::max(diag, 1e-300))
            break;
        for (int p = 0; p < n; ++p)
            for (int q = p + 1; q < n; ++q) {
                if (at(p, q) == 0)
                    continue;
                const double theta = (at(q, q) - at(p, p)) / (2 * at(p, q));
                const double t = (theta >= 0 ? 1 : -1) / (std::abs(theta) + std::sqrt(theta * theta + 1));
                const double c = 1 / std::sqrt(t * t + 1), s = t * c;
                for (int k = 0; k < n; ++k) { // columns p and q
                    const double kp = at(k, p), kq = at(k, q);
                    at(k, p) = c * kp - s * kq;
                    at(k, q) = s * kp + c * kq;
                }
                for (int k = 0; k < n; ++k) { // rows p and q
                    const double pk = at(p, k), qk = at(q, k);
                    at(p, k) = c * pk - s * qk;
                    at(q, k) = s * pk + c * qk;
                }
            }
    }
    std::vector<double> values(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        values[size_t(i)] = at(i, i);
    std::sort(values.begin(), values.end());
    return values;
}

} // namespace adaround::teaching
