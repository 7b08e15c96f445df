#pragma once

#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jne::test {

/// A suite whose tests share one jne-server: started before the first test,
/// stopped after the last. A suite passes `serve` arguments by declaring
/// `static std::vector<std::string> server_arguments()`.
template <class Suite>
class shared_server : public ::testing::Test {
public:
    static inline server_process* server = nullptr;

    static std::vector<std::string> server_arguments() { return {}; }
    static void SetUpTestSuite() { server = new server_process(Suite::server_arguments()); }
    static void TearDownTestSuite() {
        delete server;
        server = nullptr;
    }
};

}  // namespace jne::test
