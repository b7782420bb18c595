#pragma once
// overloaded{lambdas...}: one callable out of several, for std::visit over a
// variant such as RunEvent. A listener names the events it handles and lets a
// generic lambda take the rest:
//   std::visit(overloaded{[&](const LayerFinished& e) { ... }, [](const auto&) {}}, event);

namespace adaround {

template <class... Fs>
struct overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

} // namespace adaround
