#pragma once
// The paper's motivating problem (Nagel et al. 2020, section 2): round n weights
// w (in grid units, w/s) up or down so that the second-order loss
//     L(dw) = dw^T H dw,   dw = rounded - w
// is smallest, for a symmetric positive semidefinite H (the Hessian, or for one
// linear layer the input second moments E[x x^T]). With n <= 12 the 2^n
// rounding corners are enumerated, so the true optimum is known.
#include <cstdint>
#include <string>
#include <vector>

namespace adaround::teaching {

constexpr int kMaxToyWeights = 12;

struct QuadraticRounding {
    std::vector<double> w; // weights in grid units (any real numbers)
    std::vector<double> h; // H, n x n, row-major, symmetric PSD

    int size() const { return int(w.size()); }
    double hAt(int i, int j) const { return h[size_t(i) * w.size() + size_t(j)]; }

    // The paper's example: H = [[1, 0.5], [0.5, 1]], so dw^T H dw =
    // dw1^2 + dw2^2 + dw1 dw2, at positions where nearest is not optimal.
    static QuadraticRounding paperExample();

    // Throws adaround::Error if n is 0 or over kMaxToyWeights, H is not n x n,
    // not symmetric, or not positive semidefinite (naming its smallest eigenvalue).
    void validate() const;
};

// Why H is not positive semidefinite (empty if it is): for 2 x 2 in terms of
// h11, h12, h22, else the smallest eigenvalue. Tolerates rounding noise.
std::string psdProblem(const std::vector<double>& h, int n);

// L(dw) = dw^T H dw.
double quadraticLoss(const QuadraticRounding& p, const std::vector<double>& dw);
// The loss of a soft or hard position: L(x - w).
double lossAt(const QuadraticRounding& p, const std::vector<double>& x);

// A rounding corner: up[i] = 1 rounds weight i to floor(w_i) + 1, 0 to floor(w_i).
struct Corner {
    uint32_t bits = 0; // bit i = up[i]
    double loss = 0;

    bool up(int i) const { return (bits >> i) & 1u; }
};

std::vector<double> cornerPosition(const QuadraticRounding& p, uint32_t bits); // floor(w) + up
// All 2^n corners with their losses, in bit order (corner k has bits k).
std::vector<Corner> enumerateCorners(const QuadraticRounding& p);
// Each weight to its nearest grid point (ties to even, as torch::round).
Corner nearestCorner(const QuadraticRounding& p);
Corner optimalCorner(const QuadraticRounding& p);  // the smallest loss (the lowest bits on a tie)
// How many weights round differently in A and B.
int differingWeights(uint32_t a, uint32_t b);

} // namespace adaround::teaching
