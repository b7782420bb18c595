#pragma once
// Eigenvalues of a small symmetric matrix (cyclic Jacobi): enough for the PSD
// check of a toy Hessian (n <= 12) without a linear-algebra dependency.
#include <vector>

namespace adaround::teaching {

// A is n x n, row-major, symmetric. Returns the eigenvalues in ascending order.
std::vector<double> symmetricEigenvalues(std::vector<double> a, int n);

} // namespace adaround::teaching
