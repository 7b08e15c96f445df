#include "service/catalogue_csv.hpp"

#include "store/sqlite/sqlite_database.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace jne;
using store::catalogue_kind;

namespace {
struct CatalogueCsv : ::testing::Test {
    test::temp_dir dir;
    std::unique_ptr<store::database> db = store::sqlite::open((dir / "c.db").string());

    service::import_report import(catalogue_kind kind, const std::string& csv) {
        std::istringstream in(csv);
        auto r = service::import_catalogue(*db, kind, in);
        EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().reason);
        return r ? *r : service::import_report{};
    }
};
}  // namespace

TEST_F(CatalogueCsv, ImportsJnesPublishedDestinationListSkippingItsStrayHeaderRow) {
    std::ifstream in(std::string(JNE_SANDBOX_DATA_DIR) + "/destinations.csv", std::ios::binary);
    auto report = service::import_catalogue(*db, catalogue_kind::locations, in);
    ASSERT_TRUE(report.has_value());
    EXPECT_EQ(report->imported, 84239);
    EXPECT_EQ(report->skipped, 1);
    ASSERT_EQ(report->skipped_rows.size(), 1u);
    EXPECT_NE(report->skipped_rows[0].reason.find("POSTAL_DES"), std::string::npos);
    EXPECT_GT(report->skipped_rows[0].line, 1);
    core::catalogue c(db->load_catalogue());
    EXPECT_EQ(c.destinations().size(), 7352u);
}

TEST_F(CatalogueCsv, FindsColumnsByNameAndHandlesQuotedCommas) {
    auto report = import(
        catalogue_kind::origins,
        "origin_name,origin_code\n\"PANDEGLANG,KAB.PANDEGLANG\",CLG20100\nJAKARTA,CGK10000\n");
    EXPECT_EQ(report.imported, 2);
    core::catalogue c(db->load_catalogue());
    EXPECT_EQ(c.find_origin("CLG20100")->name, "PANDEGLANG,KAB.PANDEGLANG");
}

TEST_F(CatalogueCsv, SkipsTariffRowsNamingUnknownCodesWithTheReason) {
    import(catalogue_kind::origins, "origin_code,origin_name\nCGK10000,JAKARTA\n");
    import(
        catalogue_kind::locations,
        "country_name,province_name,city_name,district_name,subdistrict_name,zip_code,tariff_code\n"
        "INDONESIA,JAWA BARAT,BANDUNG,BANDUNG,-,40614,BDO10000\n");
    import(catalogue_kind::services,
           "service_code,service_display,goods_type,min_weight,max_weight,flat,rank\nREG19,REG,"
           "Document/"
           "Paket,1,999,0,10\n");
    auto report = import(catalogue_kind::tariffs,
                         "origin_code,destination_code,service_code,price,etd_from,etd_thru\n"
                         "CGK10000,BDO10000,REG19,12000,1,2\n"
                         "CGK10100,BDO10000,REG19,12000,1,2\n"
                         "CGK10000,XXX10000,REG19,12000,1,2\n"
                         "CGK10000,BDO10000,NOPE,12000,1,2\n"
                         "CGK10000,BDO10000,REG19,-5,1,2\n"
                         "CGK10000,BDO10000,REG19,abc,1,2\n"
                         "CGK10000,BDO10000\n");
    EXPECT_EQ(report.imported, 1);
    EXPECT_EQ(report.skipped, 6);
    ASSERT_EQ(report.skipped_rows.size(), 6u);
    EXPECT_EQ(report.skipped_rows[0].line, 3);
    EXPECT_NE(report.skipped_rows[0].reason.find("unknown origin"), std::string::npos);
    EXPECT_NE(report.skipped_rows[1].reason.find("unknown destination"), std::string::npos);
    EXPECT_NE(report.skipped_rows[2].reason.find("unknown service"), std::string::npos);
    EXPECT_NE(report.skipped_rows[3].reason.find("price"), std::string::npos);
    EXPECT_NE(report.skipped_rows[5].reason.find("fields"), std::string::npos);
}

TEST_F(CatalogueCsv, RefusesAFileWithoutTheColumnsAndChangesNothing) {
    import(catalogue_kind::origins, "origin_code,origin_name\nCGK10000,JAKARTA\n");
    std::istringstream in("code,name\nBDO10000,BANDUNG\n");
    auto r = service::import_catalogue(*db, catalogue_kind::origins, in);
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().reason.find("origin_code"), std::string::npos);
    EXPECT_EQ(db->count(catalogue_kind::origins), 1);
}

TEST_F(CatalogueCsv, ExportsWhatImportReads) {
    const std::string csv =
        "hub_code,hub_name,latitude,longitude\nBDO,BANDUNG,-6.91,107.61\nCGK,JAKARTA,-6.2,106.85\n";
    import(catalogue_kind::hubs, csv);
    std::ostringstream out;
    service::export_catalogue(*db, catalogue_kind::hubs, out);
    EXPECT_EQ(out.str(), csv);
}
