-- The commerce schema: the shop's Ecom*/Access* tables named in the source documents (seeds 002 and
-- 003, request/response XML, and 004, the Business Central OData v4 blueprint), with the columns
-- they list. Names are unquoted, so `SELECT ProductId, ProductPrice FROM commerce.EcomProducts`
-- works as written (PostgreSQL folds them to lower case; mapping-service's SchemaCatalog resolves
-- names case-insensitively). Natural keys are NOT NULL with '' as the "no value" (ProductVariantId of
-- a master product is ''); tables without a natural key get an identity column. Every table has a
-- JSONB CustomFields column for source columns that have no standard column.
-- Aliases used by the seeds (EcomVariantOptions, EcomVariantsGroups) are resolved by the
-- SchemaCatalog (erplink.mapping.table-aliases), not by duplicate tables.

create table ${commerce_schema}.EcomProducts (
    ProductId text not null default '',
    ProductVariantId text not null default '',
    ProductNumber text,
    ProductName text,
    ProductPrice numeric(28,8),
    ProductStock numeric(28,8),
    ProductCurrencyCode text,
    ProductLanguageId text not null default '',
    ProductShortDescription text,
    ProductWeight numeric(28,8),
    ProductVolume numeric(28,8),
    ProductManufacturerId text,
    ProductActive boolean,
    ProductVariantCounter integer,
    ProductDefaultUnitId text,
    ProductLongDescription text,
    Discontinued boolean,
    ReplacementProductNumber text,
    PrimaryGroup text,
    Groups text,
    ProductCost numeric(28,8),
    ProductEAN text,
    ProductPurchaseMinimumQuantity numeric(28,8),
    ProductType integer,
    ProductExternalId text,
    ProductExternalVariantId text,
    VariantGroups text,
    VariantOptions text,
    ProductVariantGroupCounter integer,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomProducts_pkey primary key (ProductId, ProductLanguageId, ProductVariantId)
);

create table ${commerce_schema}.EcomOrders (
    OrderCreated boolean,
    OrderId text not null default '',
    OrderCurrencyCode text,
    OrderDate timestamp,
    OrderPaymentMethodName text,
    OrderShippingMethodName text,
    OrderCustomerName text,
    OrderCustomerAddress text,
    OrderCustomerAddress2 text,
    OrderCustomerCity text,
    OrderCustomerCountryCode text,
    OrderCustomerEmail text,
    OrderCustomerFax text,
    OrderCustomerPhone text,
    OrderCustomerZip text,
    OrderDeliveryName text,
    OrderDeliveryAddress text,
    OrderDeliveryAddress2 text,
    OrderDeliveryCity text,
    OrderDeliveryCountryCode text,
    OrderDeliveryEmail text,
    OrderDeliveryFax text,
    OrderDeliveryPhone text,
    OrderDeliveryZip text,
    OrderPriceWithVAT numeric(28,8),
    OrderPriceWithoutVAT numeric(28,8),
    OrderPriceVAT numeric(28,8),
    OrderSalesDiscount numeric(28,8),
    OrderShippingFee numeric(28,8),
    OrderComplete boolean,
    OrderIntegrationOrderId text,
    OrderShopId text,
    OrderIsLedgerEntry boolean,
    OrderPaymentMethod text,
    OrderShippingMethodId text,
    OrderCustomerNumber text,
    OrderDeliveryHouseNumber text,
    OrderDeliveryState text,
    OrderDeliveryCountry text,
    OrderShippingFeeWithVat numeric(28,8),
    OrderShippingFeeWithoutVat numeric(28,8),
    OrderPriceBeforeFeesWithVat numeric(28,8),
    OrderPriceBeforeFeesWithoutVat numeric(28,8),
    OrderLanguageId text,
    OrderCompletedDate timestamp,
    OrderCustomerAccessUserId text,
    OrderCustomerAccessUserExternalId text,
    OrderCustomerCell text,
    OrderPaymentFeeWithoutVAT numeric(28,8),
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomOrders_pkey primary key (OrderId)
);

create table ${commerce_schema}.EcomOrderLines (
    OrderLineProductNumber text,
    OrderLineProductVariantId text,
    OrderLineId text not null default '',
    OrderLineQuantity numeric(28,8),
    OrderLineType integer,
    OrderLinePriceWithoutVAT numeric(28,8),
    OrderLineUnitPriceWithoutVAT numeric(28,8),
    OrderLinePriceWithVAT numeric(28,8),
    OrderLineUnitPriceWithVAT numeric(28,8),
    OrderLinePriceVAT numeric(28,8),
    OrderLineUnitPriceVAT numeric(28,8),
    OrderLinePriceVATPercent numeric(28,8),
    OrderLineUnitPriceVATPercent numeric(28,8),
    OrderLineOrderId text,
    OrderLineParentLineId text,
    OrderLineProductId text,
    OrderLineProductName text,
    NetPrice numeric(28,8),
    OrderLineTypeName text,
    OrderLineBom boolean,
    OrderLineBomItemId text,
    OrderLineGiftCardCode text,
    OrderLineIsGiftCardDiscount boolean,
    OrderLineFieldValues text,
    OrderLineUnitId text,
    OrderIntegrationOrderId text,
    OrderLineTotalDiscountWithoutVAT numeric(28,8),
    OrderLineCalculatedDiscountPercentage numeric(28,8),
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomOrderLines_pkey primary key (OrderLineId)
);

create table ${commerce_schema}.AccessUser (
    AccessUserExternalId text,
    AccessUserCustomerNumber text,
    AccessUserName text,
    AccessUserEmail text,
    AccessUserPhone text,
    AccessUserFax text,
    AccessUserAddress text,
    AccessUserAddress2 text,
    AccessUserZip text,
    AccessUserCity text,
    AccessUserCountry text,
    AccessUserCurrencyCharacter text,
    AccessUserActive boolean,
    AccessUserWeb text,
    AccessUserUserName text,
    AccessUserType integer,
    AccessUserCompany text,
    AccessUserFirstName text,
    AccessUserMiddleName text,
    AccessUserLastName text,
    AccessUserHouseNumber text,
    AccessUserState text,
    AccessUserCountryCode text,
    AccessUserVatRegNumber text,
    AccessUserJobTitle text,
    AccessUserMobile text,
    AccessUserGroups text,
    AccessUserId bigint generated by default as identity,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint AccessUser_pkey primary key (AccessUserId)
);

create table ${commerce_schema}.EcomLanguages (
    LanguageId text not null default '',
    LanguageCode2 text,
    LanguageName text,
    LanguageNativeName text,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomLanguages_pkey primary key (LanguageId)
);

create table ${commerce_schema}.EcomCurrencies (
    CurrencyCode text not null default '',
    CurrencyName text,
    CurrencyLanguageId text not null default '',
    CurrencyRate numeric(28,8),
    CurrencySymbol text,
    CurrencyPayGatewayCode text,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomCurrencies_pkey primary key (CurrencyCode, CurrencyLanguageId)
);

create table ${commerce_schema}.EcomStockUnit (
    StockUnitProductId text not null default '',
    StockUnitVariantId text not null default '',
    StockUnitId text not null default '',
    StockUnitQuantity numeric(28,8),
    StockUnitHeight numeric(28,8),
    StockUnitDepth numeric(28,8),
    StockUnitWeight numeric(28,8),
    StockUnitWidth numeric(28,8),
    StockUnitProductNumber text,
    StockUnitStockLocationId text not null default '',
    StockUnitDescription text,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomStockUnit_pkey primary key (StockUnitProductId, StockUnitVariantId, StockUnitId, StockUnitStockLocationId)
);

create table ${commerce_schema}.EcomVariantGroups (
    VariantGroupId text not null default '',
    VariantGroupLanguageId text not null default '',
    VariantGroupName text,
    VariantGroupLabel text,
    VariantGroupUnit boolean,
    VariantGroupFamily boolean,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomVariantGroups_pkey primary key (VariantGroupId, VariantGroupLanguageId)
);

create table ${commerce_schema}.EcomVariantsOptions (
    VariantOptionId text not null default '',
    VariantOptionLanguageId text not null default '',
    VariantOptionGroupId text,
    VariantOptionName text,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomVariantsOptions_pkey primary key (VariantOptionId, VariantOptionLanguageId)
);

create table ${commerce_schema}.EcomManufacturers (
    ManufacturerId text not null default '',
    ManufacturerName text,
    ManufacturerAddress text,
    ManufacturerZipCode text,
    ManufacturerCity text,
    ManufacturerCountry text,
    ManufacturerPhone text,
    ManufacturerFax text,
    ManufacturerEmail text,
    ManufacturerWeb text,
    ManufacturerRegionCode text,
    ManufacturerRegionName text,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomManufacturers_pkey primary key (ManufacturerId)
);

create table ${commerce_schema}.EcomVariantgroupProductRelation (
    VariantgroupProductRelationId text,
    VariantgroupProductRelationProductId text not null default '',
    VariantgroupProductRelationVariantGroupId text not null default '',
    VariantgroupProductRelationSorting integer,
    VariantgroupProductRelationPriceDif boolean,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomVariantgroupProductRelation_pkey primary key (VariantgroupProductRelationProductId, VariantgroupProductRelationVariantGroupId)
);

create table ${commerce_schema}.EcomVariantOptionsProductRelation (
    VariantOptionsProductRelationProductId text not null default '',
    VariantOptionsProductRelationVariantId text not null default '',
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomVariantOptionsProductRelation_pkey primary key (VariantOptionsProductRelationProductId, VariantOptionsProductRelationVariantId)
);

create table ${commerce_schema}.AccessUserGroup (
    AccessGroupGroupName text,
    AccessGroupName text,
    AccessGroupParentGroupName text,
    AccessGroupExternalId text,
    AccessGroupId bigint generated by default as identity,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint AccessUserGroup_pkey primary key (AccessGroupId)
);

create table ${commerce_schema}.AccessUserSecondaryRelation (
    AccessUserSecondaryRelationUserId text not null default '',
    AccessUserSecondaryRelationSecondaryUserId text not null default '',
    CustomFields jsonb not null default '{}'::jsonb,
    constraint AccessUserSecondaryRelation_pkey primary key (AccessUserSecondaryRelationUserId, AccessUserSecondaryRelationSecondaryUserId)
);

create table ${commerce_schema}.EcomAssortmentGroupRelations (
    AssortmentGroupRelationAssortmentId text not null default '',
    AssortmentGroupRelationGroupId text not null default '',
    AssortmentGroupRelationAutoId integer,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomAssortmentGroupRelations_pkey primary key (AssortmentGroupRelationAssortmentId, AssortmentGroupRelationGroupId)
);

create table ${commerce_schema}.EcomAssortmentPermissions (
    AssortmentPermissionAssortmentId text not null default '',
    AssortmentPermissionAccessUserId text not null default '',
    AssortmentPermissionAutoId integer,
    AssortmentPermissionCustomerNumber text not null default '',
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomAssortmentPermissions_pkey primary key (AssortmentPermissionAssortmentId, AssortmentPermissionAccessUserId, AssortmentPermissionCustomerNumber)
);

create table ${commerce_schema}.EcomAssortmentProductRelations (
    AssortmentProductRelationAssortmentId text not null default '',
    AssortmentProductRelationProductId text not null default '',
    AssortmentProductRelationProductVariantId text not null default '',
    AssortmentProductRelationAutoId integer,
    AssortmentProductRelationProductNumber text,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomAssortmentProductRelations_pkey primary key (AssortmentProductRelationAssortmentId, AssortmentProductRelationProductId, AssortmentProductRelationProductVariantId)
);

create table ${commerce_schema}.EcomAssortments (
    AssortmentId text not null default '',
    AssortmentLanguageId text not null default '',
    AssortmentName text,
    AssortmentNumber text,
    AssortmentPeriodId text,
    AssortmentLastBuildDate timestamp,
    AssortmentRebuildRequired boolean,
    AssortmentAutoId integer,
    AssortmentActive boolean,
    AssortmentIncludeSubgroups boolean,
    AssortmentAllowAnonymousUsers boolean,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomAssortments_pkey primary key (AssortmentId, AssortmentLanguageId)
);

create table ${commerce_schema}.EcomAssortmentShopRelations (
    AssortmentShopRelationAssortmentId text not null default '',
    AssortmentShopRelationShopId text not null default '',
    AssortmentShopRelationAutoId integer,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomAssortmentShopRelations_pkey primary key (AssortmentShopRelationAssortmentId, AssortmentShopRelationShopId)
);

create table ${commerce_schema}.AccessUserAddress (
    AccessUserAddressCallName text,
    AccessUserAddressCompany text,
    AccessUserAddressName text,
    AccessUserAddressAddress text,
    AccessUserAddressAddress2 text,
    AccessUserAddressZip text,
    AccessUserAddressCity text,
    AccessUserAddressCountry text,
    AccessUserAddressPhone text,
    AccessUserAddressFax text,
    AccessUserAddressEmail text,
    AccessUserAddressCustomerNumber text,
    AccessUserAddressUId text,
    AccessUserAddressState text,
    AccessUserAddressCountryCode text,
    AccessUserAddressUserId text,
    AccessUserAddressType boolean,
    AccessUserAddressCell text,
    AccessUserAddressIsDefault boolean,
    AccessUserAddressLocationCode text,
    AccessUserAddressShipmentMethodCode text,
    AccessUserAddressShippingAgentCode text,
    AccessUserAddressShippingAgentServiceCode text,
    AccessUserAddressExternalId text,
    AccessUserAddressId bigint generated by default as identity,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint AccessUserAddress_pkey primary key (AccessUserAddressId)
);

create table ${commerce_schema}.EcomGroups (
    GroupId text not null default '',
    GroupLanguageId text not null default '',
    GroupName text,
    ParentGroups text,
    GroupNavigationShowInMenu boolean,
    GroupNavigationShowInSiteMap boolean,
    GroupNavigationClickable boolean,
    GroupInheritOrderLineFields boolean,
    GroupInheritCategoryFieldsFromParent boolean,
    Shops text,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomGroups_pkey primary key (GroupId, GroupLanguageId)
);

create table ${commerce_schema}.EcomProductCategoryFieldValue (
    FieldValueFieldId text not null default '',
    FieldValueFieldCategoryId text not null default '',
    FieldValueProductId text not null default '',
    FieldValueProductVariantId text not null default '',
    FieldValueProductLanguageId text not null default '',
    FieldValueValue text,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomProductCategoryFieldValue_pkey primary key (FieldValueFieldId, FieldValueFieldCategoryId, FieldValueProductId, FieldValueProductVariantId, FieldValueProductLanguageId)
);

create table ${commerce_schema}.EcomProductsRelated (
    ProductRelatedProductId text not null default '',
    ProductRelatedProductRelId text not null default '',
    ProductRelatedGroupId text not null default '',
    ProductRelatedSortOrder integer,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomProductsRelated_pkey primary key (ProductRelatedProductId, ProductRelatedProductRelId, ProductRelatedGroupId)
);

create table ${commerce_schema}.EcomCountries (
    CountryCode2 text not null default '',
    CountryNumber text,
    CountryCultureInfo text,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomCountries_pkey primary key (CountryCode2)
);

create table ${commerce_schema}.EcomStockLocation (
    StockLocationName text not null default '',
    StockLocationDescription text,
    StockLocationLanguageId text not null default '',
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomStockLocation_pkey primary key (StockLocationName, StockLocationLanguageId)
);

create table ${commerce_schema}.EcomUnits (
    UnitId text not null default '',
    UnitExternalId text,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomUnits_pkey primary key (UnitId)
);

create table ${commerce_schema}.EcomUnitTranslations (
    UnitTranslationUnitId text not null default '',
    UnitTranslationName text,
    UnitTranslationLanguageId text not null default '',
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomUnitTranslations_pkey primary key (UnitTranslationUnitId, UnitTranslationLanguageId)
);

create table ${commerce_schema}.EcomProductItems (
    ProductItemProductId text,
    ProductItemBomProductId text,
    ProductItemName text,
    ProductItemQuantity numeric(28,8),
    ProductItemBomVariantId text,
    ProductItemId text not null default '',
    ProductItemBomUnitId text,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomProductItems_pkey primary key (ProductItemId)
);

create table ${commerce_schema}.EcomPrices (
    PriceProductVariantId text,
    PriceValidFrom timestamp,
    PriceValidTo timestamp,
    PriceUnitId text,
    PriceAmount numeric(28,8),
    PriceQuantity numeric(28,8),
    PriceIsWithVat boolean,
    PriceProductId text,
    PriceCurrency text,
    PriceExternalId text,
    PriceId text not null default '',
    PriceAllowOrderLineDiscounts boolean,
    PriceAllowOrderDiscounts boolean,
    PriceUserCustomerNumber text,
    PriceUserId text,
    PriceUserGroupId text,
    PriceAccessUserGroup text,
    PriceAccessUser text,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomPrices_pkey primary key (PriceId)
);

create table ${commerce_schema}.EcomDiscount (
    DiscountProductVariantId text,
    DiscountValidFrom timestamp,
    DiscountValidTo timestamp,
    DiscountPercentage numeric(28,8),
    DiscountProductQuantity numeric(28,8),
    DiscountType integer,
    DiscountDiscountType integer,
    DiscountProductQuantification integer,
    DiscountApplyToProduct integer,
    DiscountExcludedProductsAndGroups text,
    DiscountDescription text,
    DiscountProductsAndGroups text,
    DiscountCurrencyCode text,
    DiscountExternalId text,
    DiscountProductId text,
    DiscountAccessUserGroup text,
    DiscountAccessUser text,
    DiscountAccessUserCustomerNumber text,
    DiscountAmountIncludesVat boolean,
    DiscountName text,
    DiscountId bigint generated by default as identity,
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomDiscount_pkey primary key (DiscountId)
);

create table ${commerce_schema}.EcomGroupRelations (
    GroupRelationsGroupId text not null default '',
    GroupRelationsParentId text not null default '',
    CustomFields jsonb not null default '{}'::jsonb,
    constraint EcomGroupRelations_pkey primary key (GroupRelationsGroupId, GroupRelationsParentId)
);
