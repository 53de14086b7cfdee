/** `/supply-chain/routing/setup`: depots (warehouses with coordinates and opening hours), their vehicles
 * (capacity in the load unit, speed, how many) and customers' delivery sites (coordinates, time window,
 * minutes of service). */
import {
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  TimePicker,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import { formatQuantity } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { newIdempotencyKey } from "../api/keys";
import {
  useCreateDepot,
  useCreateSite,
  useCreateVehicle,
  useCustomerOptions,
  useDepots,
  useSites,
  useUpdateDepot,
  useUpdateSite,
  useUpdateVehicle,
  useVehicles,
  useWarehouses,
  type DeliverySite,
  type Depot,
  type Vehicle,
} from "../api/setup";
import { formatClock } from "../components/figures";

const CLOCK = "HH:mm";
const clock = (value: Dayjs) => value.format(CLOCK);
const parseClock = (value: string) => dayjs(value.slice(0, 5), CLOCK);

function CoordinateItems() {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <Form.Item name="latitude" label={t("supplyChain.routing.latitude")} rules={[{ required: true }]}>
        <InputNumber min={-90} max={90} precision={6} step={0.001} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="longitude" label={t("supplyChain.routing.longitude")} rules={[{ required: true }]}>
        <InputNumber min={-180} max={180} precision={6} step={0.001} style={{ width: 160 }} />
      </Form.Item>
    </Space>
  );
}

// --- depots ----------------------------------------------------------------------------------------------

interface DepotValues {
  warehouse_id?: number;
  latitude: number;
  longitude: number;
  hours: [Dayjs, Dayjs];
}

function DepotModal({ depot, onClose }: { depot: Depot | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DepotValues>();
  const problem = useFormProblem(form, { open_from: "hours", open_until: "hours" });
  const warehouses = useWarehouses();
  const create = useCreateDepot();
  const update = useUpdateDepot();
  const key = useRef(newIdempotencyKey());
  const submit = async (values: DepotValues) => {
    problem.clear();
    const common = {
      latitude: values.latitude.toFixed(6),
      longitude: values.longitude.toFixed(6),
      open_from: clock(values.hours[0]),
      open_until: clock(values.hours[1]),
    };
    try {
      if (depot) await update.mutateAsync({ id: depot.id, body: common });
      else
        await create.mutateAsync({
          idempotencyKey: key.current,
          body: { ...common, warehouse_id: values.warehouse_id ?? 0 },
        });
      onClose();
    } catch (error) {
      problem.report(error);
    }
  };
  return (
    <Modal
      open
      title={depot ? t("supplyChain.routing.setup.editDepot") : t("supplyChain.routing.setup.addDepot")}
      okText={t("supplyChain.routing.setup.save")}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormAlert state={problem.state} />
      <Form<DepotValues>
        form={form}
        layout="vertical"
        data-testid="depot-form"
        initialValues={
          depot
            ? {
                latitude: Number(depot.latitude),
                longitude: Number(depot.longitude),
                hours: [parseClock(depot.open_from), parseClock(depot.open_until)],
              }
            : { hours: [dayjs("07:00", CLOCK), dayjs("19:00", CLOCK)] }
        }
        onFinish={(values) => void submit(values)}
      >
        {depot ? null : (
          <Form.Item name="warehouse_id" label={t("supplyChain.routing.warehouse")} rules={[{ required: true }]}>
            <Select
              loading={warehouses.isPending}
              options={(warehouses.data?.results ?? []).map((w) => ({ value: w.id, label: `${w.code} ${w.name}` }))}
            />
          </Form.Item>
        )}
        <CoordinateItems />
        <Form.Item name="hours" label={t("supplyChain.routing.setup.openingHours")} rules={[{ required: true }]}>
          <TimePicker.RangePicker format={CLOCK} minuteStep={5} order />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DepotsTab() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const depots = useDepots();
  const [editing, setEditing] = useState<Depot | null | undefined>(undefined);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {can("supplychain.manage") ? (
        <Button type="primary" onClick={() => setEditing(null)} data-testid="add-depot">
          {t("supplyChain.routing.setup.addDepot")}
        </Button>
      ) : null}
      <QueryView query={depots}>
        {(page) => (
          <Table<Depot>
            data-testid="depots-table"
            rowKey="id"
            size="small"
            dataSource={page.results}
            pagination={false}
            locale={{ emptyText: t("supplyChain.routing.setup.noDepots") }}
            columns={[
              {
                title: t("supplyChain.routing.warehouse"),
                key: "warehouse",
                render: (_v, d) => `${d.warehouse.code} ${d.warehouse.name}`,
              },
              { title: t("supplyChain.routing.latitude"), dataIndex: "latitude" },
              { title: t("supplyChain.routing.longitude"), dataIndex: "longitude" },
              {
                title: t("supplyChain.routing.setup.openingHours"),
                key: "hours",
                render: (_v, d) => `${formatClock(d.open_from)}–${formatClock(d.open_until)}`,
              },
              { title: t("supplyChain.routing.vehicles"), dataIndex: "vehicle_count", align: "right" },
              ...(can("supplychain.manage")
                ? [
                    {
                      key: "edit",
                      render: (_v: unknown, d: Depot) => (
                        <Button size="small" onClick={() => setEditing(d)}>
                          {t("supplyChain.routing.setup.edit")}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryView>
      {editing !== undefined ? <DepotModal depot={editing} onClose={() => setEditing(undefined)} /> : null}
    </Space>
  );
}

// --- vehicles --------------------------------------------------------------------------------------------

interface VehicleValues {
  depot_id?: number;
  name: string;
  capacity: number;
  speed_kmh?: number | null;
  count: number;
}

function VehicleModal({ vehicle, depots, onClose }: { vehicle: Vehicle | null; depots: Depot[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<VehicleValues>();
  const problem = useFormProblem(form);
  const create = useCreateVehicle();
  const update = useUpdateVehicle();
  const key = useRef(newIdempotencyKey());
  const submit = async (values: VehicleValues) => {
    problem.clear();
    const common = {
      name: values.name,
      capacity: String(values.capacity),
      speed_kmh: values.speed_kmh ?? null,
      count: values.count,
    };
    try {
      if (vehicle) await update.mutateAsync({ id: vehicle.id, body: common });
      else
        await create.mutateAsync({ idempotencyKey: key.current, body: { ...common, depot_id: values.depot_id ?? 0 } });
      onClose();
    } catch (error) {
      problem.report(error);
    }
  };
  return (
    <Modal
      open
      title={vehicle ? t("supplyChain.routing.setup.editVehicle") : t("supplyChain.routing.setup.addVehicle")}
      okText={t("supplyChain.routing.setup.save")}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormAlert state={problem.state} />
      <Form<VehicleValues>
        form={form}
        layout="vertical"
        data-testid="vehicle-form"
        initialValues={
          vehicle
            ? {
                name: vehicle.name,
                capacity: Number(vehicle.capacity),
                speed_kmh: vehicle.speed_kmh,
                count: vehicle.count,
              }
            : { count: 1, depot_id: depots.length === 1 ? depots[0]?.id : undefined }
        }
        onFinish={(values) => void submit(values)}
      >
        {vehicle ? null : (
          <Form.Item name="depot_id" label={t("supplyChain.routing.depot")} rules={[{ required: true }]}>
            <Select options={depots.map((d) => ({ value: d.id, label: `${d.warehouse.code} ${d.warehouse.name}` }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t("supplyChain.routing.setup.vehicleName")} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="capacity" label={t("supplyChain.routing.capacity")} rules={[{ required: true }]}>
            <InputNumber min={0.0001} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="speed_kmh" label={t("supplyChain.routing.setup.speed")}>
            <InputNumber min={1} max={200} placeholder="40" suffix="km/h" style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="count" label={t("supplyChain.routing.setup.count")} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} style={{ width: 100 }} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">{t("supplyChain.routing.setup.loadUnit")}</Typography.Paragraph>
      </Form>
    </Modal>
  );
}

function VehiclesTab() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const vehicles = useVehicles();
  const depots = useDepots();
  const update = useUpdateVehicle();
  const [editing, setEditing] = useState<Vehicle | null | undefined>(undefined);
  const depotList = depots.data?.results ?? [];
  const depotLabel = (id: number) => {
    const depot = depotList.find((d) => d.id === id);
    return depot ? `${depot.warehouse.code} ${depot.warehouse.name}` : String(id);
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {can("supplychain.manage") ? (
        <Button
          type="primary"
          onClick={() => setEditing(null)}
          disabled={depotList.length === 0}
          data-testid="add-vehicle"
        >
          {t("supplyChain.routing.setup.addVehicle")}
        </Button>
      ) : null}
      <QueryView query={vehicles}>
        {(page) => (
          <Table<Vehicle>
            data-testid="vehicles-table"
            rowKey="id"
            size="small"
            dataSource={page.results}
            pagination={false}
            locale={{ emptyText: t("supplyChain.routing.setup.noVehicles") }}
            columns={[
              { title: t("supplyChain.routing.setup.vehicleName"), dataIndex: "name" },
              { title: t("supplyChain.routing.depot"), dataIndex: "depot_id", render: depotLabel },
              {
                title: t("supplyChain.routing.capacity"),
                dataIndex: "capacity",
                align: "right",
                render: (value: string) => formatQuantity(value, language),
              },
              {
                title: t("supplyChain.routing.setup.speed"),
                dataIndex: "speed_kmh",
                align: "right",
                render: (value: number | null) =>
                  value === null ? t("supplyChain.routing.setup.defaultSpeed") : `${value} km/h`,
              },
              { title: t("supplyChain.routing.setup.count"), dataIndex: "count", align: "right" },
              {
                title: t("supplyChain.routing.setup.active"),
                dataIndex: "is_active",
                render: (value: boolean, v) => (
                  <Switch
                    size="small"
                    checked={value}
                    disabled={!can("supplychain.manage")}
                    aria-label={t("supplyChain.routing.setup.active")}
                    onChange={(checked) => update.mutate({ id: v.id, body: { is_active: checked } })}
                  />
                ),
              },
              ...(can("supplychain.manage")
                ? [
                    {
                      key: "edit",
                      render: (_v: unknown, v: Vehicle) => (
                        <Button size="small" onClick={() => setEditing(v)}>
                          {t("supplyChain.routing.setup.edit")}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryView>
      {editing !== undefined ? (
        <VehicleModal vehicle={editing} depots={depotList} onClose={() => setEditing(undefined)} />
      ) : null}
    </Space>
  );
}

// --- sites -----------------------------------------------------------------------------------------------

interface SiteValues {
  customer_id?: number;
  latitude: number;
  longitude: number;
  window: [Dayjs, Dayjs];
  service_minutes: number;
  note?: string;
}

function SiteModal({ site, onClose }: { site: DeliverySite | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SiteValues>();
  const problem = useFormProblem(form, { window_start: "window", window_end: "window" });
  const [search, setSearch] = useState("");
  const customers = useCustomerOptions(search);
  const create = useCreateSite();
  const update = useUpdateSite();
  const key = useRef(newIdempotencyKey());
  const submit = async (values: SiteValues) => {
    problem.clear();
    const common = {
      latitude: values.latitude.toFixed(6),
      longitude: values.longitude.toFixed(6),
      window_start: clock(values.window[0]),
      window_end: clock(values.window[1]),
      service_minutes: values.service_minutes,
      note: values.note ?? "",
    };
    try {
      if (site) await update.mutateAsync({ id: site.id, body: common });
      else
        await create.mutateAsync({
          idempotencyKey: key.current,
          body: { ...common, customer_id: values.customer_id ?? 0 },
        });
      onClose();
    } catch (error) {
      problem.report(error);
    }
  };
  return (
    <Modal
      open
      title={site ? t("supplyChain.routing.setup.editSite") : t("supplyChain.routing.setup.addSite")}
      okText={t("supplyChain.routing.setup.save")}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormAlert state={problem.state} />
      <Form<SiteValues>
        form={form}
        layout="vertical"
        data-testid="site-form"
        initialValues={
          site
            ? {
                latitude: Number(site.latitude),
                longitude: Number(site.longitude),
                window: [parseClock(site.window_start), parseClock(site.window_end)],
                service_minutes: site.service_minutes,
                note: site.note,
              }
            : { service_minutes: 10, window: [dayjs("09:00", CLOCK), dayjs("17:00", CLOCK)] }
        }
        onFinish={(values) => void submit(values)}
      >
        {site ? (
          <Typography.Paragraph strong>{site.customer.name}</Typography.Paragraph>
        ) : (
          <Form.Item name="customer_id" label={t("supplyChain.routing.customer")} rules={[{ required: true }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              loading={customers.isFetching}
              options={(customers.data?.results ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        )}
        <CoordinateItems />
        <Space wrap>
          <Form.Item name="window" label={t("supplyChain.routing.window")} rules={[{ required: true }]}>
            <TimePicker.RangePicker format={CLOCK} minuteStep={5} order />
          </Form.Item>
          <Form.Item
            name="service_minutes"
            label={t("supplyChain.routing.setup.serviceMinutes")}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={600} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t("supplyChain.routing.setup.note")}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SitesTab() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [params, setParams] = usePageParams();
  const [search, setSearch] = useState("");
  const sites = useSites({ ...params, search });
  const [editing, setEditing] = useState<DeliverySite | null | undefined>(undefined);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t("supplyChain.routing.setup.searchCustomer")}
          onSearch={(value) => {
            setSearch(value.trim());
            setParams({ page: 1, page_size: params.page_size });
          }}
          style={{ width: 260 }}
        />
        {can("supplychain.manage") ? (
          <Button type="primary" onClick={() => setEditing(null)} data-testid="add-site">
            {t("supplyChain.routing.setup.addSite")}
          </Button>
        ) : null}
      </Space>
      <QueryView query={sites}>
        {(page) => (
          <Table<DeliverySite>
            data-testid="sites-table"
            rowKey="id"
            size="small"
            dataSource={page.results}
            pagination={tablePagination(page.count, params, setParams)}
            locale={{ emptyText: t("supplyChain.routing.setup.noSites") }}
            columns={[
              { title: t("supplyChain.routing.customer"), key: "customer", render: (_v, s) => s.customer.name },
              { title: t("supplyChain.routing.latitude"), dataIndex: "latitude" },
              { title: t("supplyChain.routing.longitude"), dataIndex: "longitude" },
              {
                title: t("supplyChain.routing.window"),
                key: "window",
                render: (_v, s) => `${formatClock(s.window_start)}–${formatClock(s.window_end)}`,
              },
              { title: t("supplyChain.routing.setup.serviceMinutes"), dataIndex: "service_minutes", align: "right" },
              { title: t("supplyChain.routing.setup.note"), dataIndex: "note" },
              ...(can("supplychain.manage")
                ? [
                    {
                      key: "edit",
                      render: (_v: unknown, s: DeliverySite) => (
                        <Button size="small" onClick={() => setEditing(s)}>
                          {t("supplyChain.routing.setup.edit")}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryView>
      {editing !== undefined ? <SiteModal site={editing} onClose={() => setEditing(undefined)} /> : null}
    </Space>
  );
}

export function Component() {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="routing-setup-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("supplyChain.routing.setup.title")}
      </Typography.Title>
      <Tabs
        items={[
          { key: "depots", label: t("supplyChain.routing.setup.depots"), children: <DepotsTab /> },
          { key: "vehicles", label: t("supplyChain.routing.vehicles"), children: <VehiclesTab /> },
          { key: "sites", label: t("supplyChain.routing.setup.sites"), children: <SitesTab /> },
        ]}
      />
    </Space>
  );
}
