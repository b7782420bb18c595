#pragma once
// Conversions between the public HostTensor and torch::Tensor (always copies).
#include "adaround/host_tensor.h"

#include <torch/torch.h>

namespace adaround {

inline torch::Tensor toTorch(const HostTensor& t)
{
    return torch::from_blob(const_cast<float*>(t.values.data()), t.shape, torch::kFloat32).clone();
}

inline HostTensor toHost(const torch::Tensor& t)
{
    torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
    HostTensor h;
    h.shape = c.sizes().vec();
    h.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return h;
}

} // namespace adaround
