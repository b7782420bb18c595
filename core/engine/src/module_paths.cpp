#include "module_paths_p.h"

namespace adaround {

torch::jit::Module submoduleAt(const torch::jit::Module& root, const std::string& path)
{
    torch::jit::Module m = root;
    size_t start = 0;
    while (start < path.size()) {
        size_t dot = path.find('.', start);
        if (dot == std::string::npos)
            dot = path.size();
        m = m.attr(path.substr(start, dot - start)).toModule();
        start = dot + 1;
    }
    return m;
}

c10::IValue attributeAt(const torch::jit::Module& root, const std::string& path)
{
    size_t dot = path.rfind('.');
    if (dot == std::string::npos)
        return root.attr(path);
    return submoduleAt(root, path.substr(0, dot)).attr(path.substr(dot + 1));
}

} // namespace adaround
