// The document's examples through the installed client: the argument is the server's base URL.
#include <jne/client/client.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    jne::client::client api({argv[1], "TESTAPI", "25c898a9faea1a100859ecd9ef674548"});
    auto prices = api.tariff("CGK10000", "BDO10000", "1");
    if (!prices) {
        std::cerr << prices.error().message << "\n";
        return 1;
    }
    std::cout << prices->front().service_code << " " << prices->front().amount << "\n";
    if (prices->front().amount != 12000) return 1;
    auto tracked = api.track("5403212200022724");
    if (!tracked || tracked->cnote.pod_status != "DELIVERED") return 1;
    std::cout << tracked->cnote.cnote_no << " " << tracked->cnote.pod_status << "\n";
    return 0;
}
