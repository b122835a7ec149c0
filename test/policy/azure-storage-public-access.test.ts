import { BUILTIN_PACKS } from "../../lib/policy/builtin";
import { checkDoc, planDoc, statusOf, synthDoc } from "./helpers/docs";

const RULE = "AIRA-STO-006";

describe("AIRA-STO-006 Azure storage allows no anonymous public access", () => {
  test("is in the security baseline pack", () => {
    expect(
      Object.keys(
        BUILTIN_PACKS.find((p) => p.id === "aira-security-baseline")!.rules
      )
    ).toContain(RULE);
  });

  test.each([
    [
      "account with nested items kept private",
      "azurerm_storage_account",
      { name: "a", allow_nested_items_to_be_public: false },
      "pass",
    ],
    [
      "account allowing public containers",
      "azurerm_storage_account",
      { name: "a", allow_nested_items_to_be_public: true },
      "fail",
    ],
    [
      "account leaving the provider default (true)",
      "azurerm_storage_account",
      { name: "a" },
      "fail",
    ],
    [
      "azurerm 2.x account with blob public access off",
      "azurerm_storage_account",
      { name: "a", allow_blob_public_access: false },
      "pass",
    ],
    [
      "azurerm 2.x account with blob public access on",
      "azurerm_storage_account",
      { name: "a", allow_blob_public_access: true },
      "fail",
    ],
    [
      "private container",
      "azurerm_storage_container",
      { name: "c", container_access_type: "private" },
      "pass",
    ],
    [
      "container at its default (private)",
      "azurerm_storage_container",
      { name: "c" },
      "pass",
    ],
    [
      "container with anonymous blob reads",
      "azurerm_storage_container",
      { name: "c", container_access_type: "blob" },
      "fail",
    ],
    [
      "container with anonymous listing",
      "azurerm_storage_container",
      { name: "c", container_access_type: "container" },
      "fail",
    ],
  ])("%s (synth and plan)", (_n, type, values, expected) => {
    expect(
      statusOf(
        checkDoc(synthDoc({ [type]: { x: values } })).results,
        RULE,
        `${type}.x`
      )
    ).toBe(expected);
    expect(
      statusOf(
        checkDoc(planDoc([{ type, name: "x", values }])).results,
        RULE,
        `${type}.x`
      )
    ).toBe(expected);
  });

  test("a setting known only after apply is unknown, with the attribute named", () => {
    const doc = planDoc([
      {
        type: "azurerm_storage_account",
        name: "x",
        values: { name: "a" },
        afterUnknown: { allow_nested_items_to_be_public: true },
        expressions: {
          name: { constant_value: "a" },
          allow_nested_items_to_be_public: { references: ["var.public_blobs"] },
        },
      },
    ]);
    const r = checkDoc(doc).results.find((x) => x.ruleId === RULE)!;
    expect(r).toMatchObject({
      status: "unknown",
      path: "allow_nested_items_to_be_public",
    });
  });
});
