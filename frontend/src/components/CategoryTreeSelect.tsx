import { TreeSelect, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { categoryName, useCategoryTree, type CategoryNode } from "@/lib/categories";
import { currentLanguage, type AppLanguage } from "@/lib/i18n";

interface TreeOption {
  value: string;
  title: React.ReactNode;
  label: string;
  searchText: string;
  children: TreeOption[];
}

function toOptions(
  nodes: readonly CategoryNode[],
  language: AppLanguage,
  counts: ReadonlyMap<string, number> | undefined,
): TreeOption[] {
  return nodes.map((node) => {
    const name = categoryName(node, language);
    const count = counts?.get(node.code);
    return {
      value: node.code,
      label: name,
      searchText: `${node.code} ${node.name_en} ${node.name_zh}`.toLowerCase(),
      title: (
        <span data-testid={`category-option-${node.code}`}>
          {counts && count === undefined ? <Typography.Text type="secondary">{name}</Typography.Text> : name}
          {count !== undefined ? (
            <Typography.Text type="secondary" style={{ marginInlineStart: 6 }} data-testid="facet-count">
              ({count})
            </Typography.Text>
          ) : null}
        </span>
      ),
      children: toOptions(node.children, language, counts),
    };
  });
}

export interface CategoryTreeSelectProps {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  /** Facet counts by category code, shown next to each name. */
  counts?: ReadonlyMap<string, number>;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  "data-testid"?: string;
}

/** The seeded category tree to pick from, searchable by code or by name in either language. */
export function CategoryTreeSelect({
  value,
  onChange,
  multiple = false,
  counts,
  placeholder,
  allowClear = true,
  disabled,
  id,
  "data-testid": testId,
}: CategoryTreeSelectProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const tree = useCategoryTree();
  const treeData = useMemo(() => toOptions(tree.data ?? [], language, counts), [tree.data, language, counts]);
  return (
    <TreeSelect<string | string[]>
      id={id}
      data-testid={testId}
      style={{ width: "100%" }}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? undefined)}
      treeData={treeData}
      multiple={multiple}
      treeCheckable={false}
      showSearch
      allowClear={allowClear}
      disabled={disabled}
      loading={tree.isPending}
      status={tree.isError ? "error" : undefined}
      placeholder={tree.isError ? t("categories.loadFailed") : (placeholder ?? t("categories.placeholder"))}
      treeNodeLabelProp="label"
      filterTreeNode={(input, node) =>
        ((node as unknown as TreeOption).searchText ?? "").includes(input.trim().toLowerCase())
      }
      treeDefaultExpandAll={false}
      listHeight={360}
      popupMatchSelectWidth={false}
    />
  );
}
