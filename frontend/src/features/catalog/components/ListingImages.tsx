import { DeleteOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Image, Popconfirm, Space, Typography, Upload } from "antd";
import { useTranslation } from "react-i18next";
import { problemMessage } from "@/lib/problem";
import { useAddListingImage, useDeleteListingImage } from "../api/listingImages";
import type { OwnListing } from "../api/listings";

const MAX_IMAGES = 8;

/** The listing's pictures: add (PNG, JPEG, WebP, GIF), preview, remove. */
export function ListingImages({ listing, canEdit }: { listing: OwnListing; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const add = useAddListingImage();
  const remove = useDeleteListingImage();
  const fail = (error: unknown) => void message.error(problemMessage(t, error));
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="listing-images">
      <Typography.Text type="secondary">{t("catalog.imagesHelp", { max: MAX_IMAGES })}</Typography.Text>
      <Image.PreviewGroup>
        <Space wrap>
          {listing.images.map((image) => (
            <Space key={image.id} direction="vertical" align="center" data-testid={`listing-image-${image.id}`}>
              <Image src={image.url} width={104} height={104} style={{ objectFit: "cover", borderRadius: 6 }} />
              {canEdit ? (
                <Popconfirm
                  title={t("catalog.imageDeleteConfirm")}
                  okText={t("actions.delete")}
                  cancelText={t("actions.cancel")}
                  onConfirm={() => remove.mutateAsync({ listingId: listing.id, imageId: image.id }).catch(fail)}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t("actions.delete")} />
                </Popconfirm>
              ) : null}
            </Space>
          ))}
        </Space>
      </Image.PreviewGroup>
      {canEdit && listing.images.length < MAX_IMAGES && listing.status !== "archived" ? (
        <Upload
          accept="image/png,image/jpeg,image/webp,image/gif"
          showUploadList={false}
          multiple
          customRequest={({ file, onSuccess, onError }) => {
            add.mutate(
              { listingId: listing.id, file: file as File },
              {
                onSuccess: (image) => onSuccess?.(image),
                onError: (error) => {
                  onError?.(error);
                  fail(error);
                },
              },
            );
          }}
        >
          <Button icon={<UploadOutlined />} loading={add.isPending} data-testid="listing-image-upload">
            {t("catalog.addImage")}
          </Button>
        </Upload>
      ) : null}
    </Space>
  );
}
