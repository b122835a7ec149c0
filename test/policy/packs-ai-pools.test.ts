import { checkDoc, planDoc, statusOf, synthDoc } from './helpers/docs';

const plane = (p: string) => ({ 'aira:plane': p });
const asgTags = (p: string) => [{ key: 'aira:plane', value: p, propagate_at_launch: false }];
const ref = (address: string, attr = 'id') => ({ references: [`${address}.${attr}`, address] });
const VMSS = 'azurerm_linux_virtual_machine_scale_set.v';
const TEMPLATE = 'google_compute_instance_template.t';

describe('AIRA-AI-006 multi-node training pools have their fabric (Azure, Google)', () => {
  const R = 'AIRA-AI-006';
  const vmss = (o: Record<string, unknown>, p = 'training', autoscaleMax?: number) =>
    synthDoc({
      azurerm_linux_virtual_machine_scale_set: { v: { name: 'v', sku: 'Standard_ND96isr_H100_v5', instances: 4, tags: plane(p), ...o } },
      ...(autoscaleMax !== undefined ? { azurerm_monitor_autoscale_setting: { a: { target_resource_id: `\${azurerm_linux_virtual_machine_scale_set.v.id}`, profile: [{ name: 'p', capacity: { minimum: 0, default: 0, maximum: autoscaleMax } }] } } } : {}),
    });

  test.each([
    ['Azure InfiniBand scale set in one placement group', vmss({ single_placement_group: true }), 'pass'],
    ['Azure InfiniBand scale set at the provider default (true)', vmss({}), 'pass'],
    ['Azure InfiniBand scale set over several placement groups', vmss({ single_placement_group: false }), 'fail'],
    ['Azure: instances 0 but autoscaled to 8, several placement groups', vmss({ instances: 0, single_placement_group: false }, 'training', 8), 'fail'],
    ['Azure single-node pool', vmss({ instances: 1, single_placement_group: false }), 'not_applicable'],
    ['Azure inference pool', vmss({ single_placement_group: false }, 'inference'), 'not_applicable'],
    ['Azure size without InfiniBand', vmss({ sku: 'Standard_D96ds_v5', single_placement_group: false }), 'not_applicable'],
  ])('%s', (_n, doc, expected) => {
    expect(statusOf(checkDoc(doc).results, R, VMSS)).toBe(expected);
  });

  const nics = (n: number, type = 'GVNIC') => Array.from({ length: n }, (_, i) => ({ subnetwork: `projects/p/regions/r/subnetworks/gpu-${i}`, nic_type: i === 0 ? 'GVNIC' : type }));
  const template = (machine_type: string, network_interface: unknown[], targetSize = 4) =>
    synthDoc({
      google_compute_instance_template: { t: { machine_type, tags: ['net-training', 'pool-node'], network_interface } },
      google_compute_instance_group_manager: { g: { zone: 'us-east5-a', target_size: targetSize, version: [{ name: 'primary', instance_template: '${google_compute_instance_template.t.self_link_unique}' }] } },
    });
  test.each([
    ['Google A3 Mega with 9 NICs (nic0 + 8 GPU NICs)', template('a3-megagpu-8g', nics(9)), 'pass'],
    ['Google A3 Mega with nic0 only', template('a3-megagpu-8g', nics(1)), 'fail'],
    ['Google A3 High with 5 NICs', template('a3-highgpu-8g', nics(5)), 'pass'],
    ['Google A3 High with the A3 Mega layout', template('a3-highgpu-8g', nics(9)), 'fail'],
    ['Google A3 Ultra: 2 gVNIC + 8 MRDMA', template('a3-ultragpu-8g', [...nics(2), ...nics(8, 'MRDMA').map((n) => ({ ...n, nic_type: 'MRDMA' }))]), 'pass'],
    ['Google A3 Ultra with 10 gVNICs and no MRDMA', template('a3-ultragpu-8g', nics(10)), 'fail'],
    ['Google single-node A3 Mega', template('a3-megagpu-8g', nics(1), 1), 'not_applicable'],
    ['Google A2 (no GPUDirect NICs)', template('a2-highgpu-8g', nics(1)), 'not_applicable'],
  ])('%s', (_n, doc, expected) => {
    expect(statusOf(checkDoc(doc).results, R, TEMPLATE)).toBe(expected);
  });

  test('plan form', () => {
    const azure = (single: boolean) => planDoc([{ type: 'azurerm_linux_virtual_machine_scale_set', name: 'v', values: { sku: 'Standard_ND96isr_H200_v5', instances: 2, single_placement_group: single, tags: plane('training') } }]);
    expect(statusOf(checkDoc(azure(true)).results, R, VMSS)).toBe('pass');
    expect(statusOf(checkDoc(azure(false)).results, R, VMSS)).toBe('fail');
    const gcp = (n: number) =>
      planDoc([
        { type: 'google_compute_instance_template', name: 't', values: { machine_type: 'a3-megagpu-8g', tags: ['n-training'], network_interface: nics(n) } },
        { type: 'google_compute_instance_group_manager', name: 'g', values: { target_size: 2 }, expressions: { version: [{ instance_template: ref('google_compute_instance_template.t', 'self_link_unique') }] } },
      ]);
    expect(statusOf(checkDoc(gcp(9)).results, R, TEMPLATE)).toBe('pass');
    expect(statusOf(checkDoc(gcp(3)).results, R, TEMPLATE)).toBe('fail');
  });
});

describe('AIRA-AI-007 multi-node training pools use cluster or compact placement (a warning)', () => {
  const R = 'AIRA-AI-007';
  const ASG = 'aws_autoscaling_group.g';
  const aws = (o: { asg?: Record<string, unknown>; lt?: Record<string, unknown>; extra?: Record<string, Record<string, Record<string, unknown>>>; type?: string; p?: string } = {}) =>
    synthDoc({
      aws_launch_template: { t: { instance_type: o.type ?? 'p5.48xlarge', tags: plane(o.p ?? 'training'), ...o.lt } },
      aws_autoscaling_group: { g: { max_size: 4, min_size: 0, launch_template: { id: '${aws_launch_template.t.id}' }, tag: asgTags(o.p ?? 'training'), ...o.asg } },
      ...o.extra,
    });
  const cluster = { aws_placement_group: { pg: { name: 'train', strategy: 'cluster' }, spread: { name: 'spread', strategy: 'spread' } } };

  test.each([
    ['AWS cluster placement group', aws({ asg: { placement_group: '${aws_placement_group.pg.name}' }, extra: cluster }), 'pass'],
    ['AWS spread placement group', aws({ asg: { placement_group: '${aws_placement_group.spread.name}' }, extra: cluster }), 'fail'],
    ['AWS no placement group, no reservation', aws(), 'fail'],
    ['AWS Capacity Block (placed by EC2)', aws({ lt: { instance_market_options: { market_type: 'capacity-block' }, capacity_reservation_specification: { capacity_reservation_target: { capacity_reservation_id: 'cr-0123' } } } }), 'pass'],
    ['AWS reservation by id from outside the plan', aws({ lt: { capacity_reservation_specification: { capacity_reservation_target: { capacity_reservation_id: 'cr-0123' } } } }), 'pass'],
    [
      'AWS reservation of the plan made in no placement group',
      aws({ lt: { capacity_reservation_specification: { capacity_reservation_target: { capacity_reservation_id: '${aws_ec2_capacity_reservation.cr.id}' } } }, extra: { aws_ec2_capacity_reservation: { cr: { instance_type: 'p5.48xlarge', instance_count: 4 } } } }),
      'fail',
    ],
    [
      'AWS reservation of the plan made in a cluster placement group',
      aws({
        lt: { capacity_reservation_specification: { capacity_reservation_target: { capacity_reservation_id: '${aws_ec2_capacity_reservation.cr.id}' } } },
        extra: { ...cluster, aws_ec2_capacity_reservation: { cr: { instance_type: 'p5.48xlarge', instance_count: 4, placement_group_arn: '${aws_placement_group.pg.arn}' } } },
      }),
      'pass',
    ],
    ['AWS placement group outside the input', aws({ asg: { placement_group: 'shared-cluster' } }), 'unknown'],
    ['AWS single-node pool', aws({ asg: { max_size: 1 } }), 'not_applicable'],
    ['AWS inference pool', aws({ p: 'inference' }), 'not_applicable'],
    ['AWS FPGA pool on the training plane', aws({ type: 'f2.12xlarge' }), 'not_applicable'],
  ])('%s', (_n, doc, expected) => {
    expect(statusOf(checkDoc(doc).results, R, ASG)).toBe(expected);
  });

  test('the warning is medium severity', () => {
    expect(checkDoc(aws()).results.find((r) => r.ruleId === R && r.address === ASG)!.severity).toBe('medium');
  });

  test.each([
    ['Azure proximity placement group', { proximity_placement_group_id: '${azurerm_proximity_placement_group.p.id}', single_placement_group: false }, 'pass'],
    ['Azure single placement group', { single_placement_group: true }, 'pass'],
    ['Azure neither', { single_placement_group: false }, 'fail'],
  ])('%s', (_n, o, expected) => {
    const doc = synthDoc({ azurerm_linux_virtual_machine_scale_set: { v: { sku: 'Standard_ND96asr_v4', instances: 4, tags: plane('training'), ...o } } });
    expect(statusOf(checkDoc(doc).results, R, VMSS)).toBe(expected);
  });

  const gcp = (o: Record<string, unknown>, collocation = 'COLLOCATED') =>
    synthDoc({
      google_compute_resource_policy: { compact: { name: 'compact', group_placement_policy: { collocation } } },
      google_compute_instance_template: { t: { machine_type: 'a3-megagpu-8g', tags: ['n-training'], ...o } },
    });
  test.each([
    ['Google compact placement policy', gcp({ resource_policies: ['${google_compute_resource_policy.compact.self_link}'] }), 'pass'],
    ['Google policy without collocation', gcp({ resource_policies: ['${google_compute_resource_policy.compact.self_link}'] }, 'UNSPECIFIED_COLLOCATION'), 'fail'],
    ['Google no placement policy', gcp({}), 'fail'],
    ['Google specific reservation', gcp({ reservation_affinity: { type: 'SPECIFIC_RESERVATION', specific_reservation: { key: 'compute.googleapis.com/reservation-name', values: ['r'] } } }), 'pass'],
    ['Google policy outside the input', gcp({ resource_policies: ['projects/p/regions/r/resourcePolicies/compact'] }), 'unknown'],
  ])('%s', (_n, doc, expected) => {
    expect(statusOf(checkDoc(doc).results, R, TEMPLATE)).toBe(expected);
  });

  test('plan form', () => {
    const plan = (withGroup: boolean) =>
      planDoc([
        { type: 'aws_placement_group', name: 'pg', values: { name: 'train', strategy: 'cluster' } },
        { type: 'aws_launch_template', name: 't', values: { instance_type: 'trn2.48xlarge', tags: plane('training') } },
        {
          type: 'aws_autoscaling_group',
          name: 'g',
          values: { max_size: 8, tag: asgTags('training'), ...(withGroup ? { placement_group: 'train' } : {}) },
          expressions: { launch_template: [{ id: ref('aws_launch_template.t') }], ...(withGroup ? { placement_group: ref('aws_placement_group.pg', 'name') } : {}) },
        },
      ]);
    expect(statusOf(checkDoc(plan(true)).results, R, ASG)).toBe('pass');
    expect(statusOf(checkDoc(plan(false)).results, R, ASG)).toBe('fail');
  });
});

describe('AIRA-AI-008 reserved capacity is not forced into a placement group it was not made in (AWS)', () => {
  const R = 'AIRA-AI-008';
  const ASG = 'aws_autoscaling_group.g';
  const block = { instance_market_options: { market_type: 'capacity-block' }, capacity_reservation_specification: { capacity_reservation_target: { capacity_reservation_id: 'cr-0f1e2d3c4b5a69788' } } };
  const odcr = (id: string) => ({ capacity_reservation_specification: { capacity_reservation_target: { capacity_reservation_id: id } } });
  const doc = (lt: Record<string, unknown>, asg: Record<string, unknown> = {}, extra: Record<string, Record<string, Record<string, unknown>>> = {}) =>
    synthDoc({
      aws_placement_group: { pg: { name: 'train', strategy: 'cluster' }, other: { name: 'other', strategy: 'cluster' } },
      aws_launch_template: { t: { instance_type: 'p5.48xlarge', ...lt } },
      aws_autoscaling_group: { g: { max_size: 4, launch_template: { id: '${aws_launch_template.t.id}' }, ...asg } },
      ...extra,
    });
  const inPg = { placement_group: '${aws_placement_group.pg.name}' };
  const reservation = (arn?: string) => ({ aws_ec2_capacity_reservation: { cr: { instance_type: 'p5.48xlarge', instance_count: 4, ...(arn ? { placement_group_arn: arn } : {}) } } });

  test.each([
    ['Capacity Block without a placement group', doc(block), 'pass'],
    ['Capacity Block forced into a cluster placement group', doc(block, inPg), 'fail'],
    ['Capacity Block with a placement group on the launch template', doc({ ...block, placement: { group_name: 'train' } }), 'fail'],
    ['reservation by id, no placement group', doc(odcr('cr-0123')), 'pass'],
    ['reservation by id from outside the plan, with a placement group: not visible in a plan', doc(odcr('cr-0123'), inPg), 'unknown'],
    ['reservation group with a placement group: not visible in a plan', doc({ capacity_reservation_specification: { capacity_reservation_target: { capacity_reservation_resource_group_arn: 'arn:aws:resource-groups:us-east-1:1:group/g' } } }, inPg), 'unknown'],
    ['reservation of the plan made in the same placement group', doc(odcr('${aws_ec2_capacity_reservation.cr.id}'), inPg, reservation('${aws_placement_group.pg.arn}')), 'pass'],
    ['reservation of the plan made in another placement group', doc(odcr('${aws_ec2_capacity_reservation.cr.id}'), inPg, reservation('${aws_placement_group.other.arn}')), 'fail'],
    ['reservation of the plan made in no placement group, forced into one', doc(odcr('${aws_ec2_capacity_reservation.cr.id}'), inPg, reservation()), 'fail'],
    ['no reservation, cluster placement group', doc({}, inPg), 'not_applicable'],
  ])('%s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, R, ASG)).toBe(expected);
  });

  test('a launch template a group uses is judged on the group; one no group uses is judged alone', () => {
    expect(statusOf(checkDoc(doc(block, inPg)).results, R, 'aws_launch_template.t')).toBe('not_applicable');
    const alone = synthDoc({ aws_launch_template: { t: { instance_type: 'p5.48xlarge', ...block, placement: { group_name: 'train' } } } });
    expect(statusOf(checkDoc(alone).results, R, 'aws_launch_template.t')).toBe('fail');
  });

  test('plan form: a literal placement group name against a reservation ARN of the plan', () => {
    const plan = (group: string) =>
      planDoc([
        { type: 'aws_ec2_capacity_reservation', name: 'cr', values: { instance_type: 'p5.48xlarge', placement_group_arn: 'arn:aws:ec2:us-east-1:111122223333:placement-group/train' } },
        { type: 'aws_launch_template', name: 't', values: { instance_type: 'p5.48xlarge' }, afterUnknown: { capacity_reservation_specification: [{ capacity_reservation_target: [{ capacity_reservation_id: true }] }] }, expressions: { capacity_reservation_specification: [{ capacity_reservation_target: [{ capacity_reservation_id: ref('aws_ec2_capacity_reservation.cr') }] }] } },
        { type: 'aws_autoscaling_group', name: 'g', values: { max_size: 4, placement_group: group }, expressions: { launch_template: [{ id: ref('aws_launch_template.t') }], placement_group: { constant_value: group } } },
      ]);
    expect(statusOf(checkDoc(plan('train')).results, R, ASG)).toBe('pass');
    expect(statusOf(checkDoc(plan('elsewhere')).results, R, ASG)).toBe('fail');
  });
});

describe('AIRA-AI-010 accelerator pools boot a known accelerator image (a warning)', () => {
  const R = 'AIRA-AI-010';
  const lt = (instance_type: string, image_id?: string) => synthDoc({ aws_launch_template: { t: { instance_type, ...(image_id !== undefined ? { image_id } : {}) } } });
  test.each([
    ['AWS GPU on the Deep Learning AMI parameter, resolved at each launch (known but not pinned)', lt('p5.48xlarge', 'resolve:ssm:/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id'), 'fail'],
    ['AWS GPU on a pinned parameter version', lt('p5.48xlarge', 'resolve:ssm:/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id:42'), 'pass'],
    ['AWS Trainium on a version of the Neuron DLAMI parameter', lt('trn2.48xlarge', 'resolve:ssm:/aws/service/neuron/dlami/multi-framework/ubuntu-24.04/latest/image_id:7'), 'pass'],
    ['AWS pinned AMI id', lt('p5.48xlarge', 'ami-0123456789abcdef0'), 'pass'],
    ['AWS GPU on plain Amazon Linux', lt('p5.48xlarge', 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'), 'fail'],
    ['AWS Trainium on the NVIDIA deep learning image', lt('trn2.48xlarge', 'resolve:ssm:/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id'), 'fail'],
    ['AWS GPU on the Neuron image', lt('p5.48xlarge', 'resolve:ssm:/aws/service/neuron/dlami/multi-framework/ubuntu-24.04/latest/image_id'), 'fail'],
    ['AWS GPU without image_id', lt('p5.48xlarge'), 'fail'],
    ['AWS image from a data source (known after apply in a synthesized stack)', lt('p5.48xlarge', '${data.aws_ami.dl.id}'), 'unknown'],
    ['AWS FPGA on Amazon Linux (no driver stack judged)', lt('f2.12xlarge', 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'), 'not_applicable'],
  ])('%s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, R, 'aws_launch_template.t')).toBe(expected);
  });

  const vmss = (o: Record<string, unknown>, sku = 'Standard_ND96isr_H100_v5') => synthDoc({ azurerm_linux_virtual_machine_scale_set: { v: { sku, ...o } } });
  test.each([
    ['Azure Ubuntu-HPC at a named version', vmss({ source_image_reference: { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version: '22.04.2025102901' } }), 'pass'],
    ['Azure Ubuntu-HPC at version latest (known but not pinned)', vmss({ source_image_reference: { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version: 'latest' } }), 'fail'],
    ['Azure NVIDIA GPU-optimized image', vmss({ source_image_reference: { publisher: 'nvidia', offer: 'ngc_base_image_version_b', sku: 'gen2_24_05', version: '24.05.1' } }), 'pass'],
    ['Azure plain Ubuntu server', vmss({ source_image_reference: { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', version: 'latest' } }), 'fail'],
    ['Azure custom gallery image', vmss({ source_image_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/gpu/versions/1.0.0' }), 'fail'],
    ['Azure FPGA size on plain Ubuntu', vmss({ source_image_reference: { publisher: 'Canonical', offer: 'x', sku: 'y', version: 'latest' } }, 'Standard_NP10s'), 'not_applicable'],
  ])('%s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, R, VMSS)).toBe(expected);
  });

  const template = (source_image: string, machine_type = 'a3-megagpu-8g') => synthDoc({ google_compute_instance_template: { t: { machine_type, disk: [{ boot: true, source_image }] } } });
  test.each([
    ['Google Ubuntu accelerator image', template('projects/ubuntu-os-accelerator-images/global/images/ubuntu-accelerator-2204-amd64-with-nvidia-570-v20251120'), 'pass'],
    ['Google Ubuntu accelerator family (known but not pinned)', template('projects/ubuntu-os-accelerator-images/global/images/family/ubuntu-accelerator-2204-amd64-with-nvidia-570'), 'fail'],
    ['Google Deep Learning VM image', template('https://www.googleapis.com/compute/v1/projects/deeplearning-platform-release/global/images/common-cu124-v20251001-ubuntu-2204-py310'), 'pass'],
    ['Google Container-Optimized OS', template('projects/cos-cloud/global/images/cos-stable-121-18867-90-62'), 'pass'],
    ['Google plain Debian', template('projects/debian-cloud/global/images/family/debian-12'), 'fail'],
    ['Google image of the own project', template('family/my-gpu-image'), 'fail'],
    ['Google CPU machine type', template('projects/debian-cloud/global/images/family/debian-12', 'c3-standard-88'), 'not_applicable'],
  ])('%s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, R, TEMPLATE)).toBe(expected);
  });

  // The aira pools read their image once per plan through a data source (imageResolution 'plan'):
  // the rule judges the parameter, family or offer the data source reads.
  const DLAMI = '/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id';
  const NEURON = '/aws/service/neuron/dlami/multi-framework/ubuntu-24.04/latest/image_id';
  const AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
  const ssmRead = (instance_type: string, name: string) =>
    synthDoc({ aws_launch_template: { t: { instance_type, image_id: '${data.aws_ssm_parameter.img.insecure_value}' } } }, { aws_ssm_parameter: { img: { name } } });
  test.each([
    ['AWS GPU on the DLAMI parameter read by a data source (the library default)', ssmRead('p5.48xlarge', DLAMI), 'pass'],
    ['AWS Trainium on the Neuron parameter read by a data source', ssmRead('trn2.48xlarge', NEURON), 'pass'],
    ['AWS GPU on the Neuron parameter read by a data source', ssmRead('p5.48xlarge', NEURON), 'fail'],
    ['AWS GPU on plain Amazon Linux read by a data source', ssmRead('p5.48xlarge', AL2023), 'fail'],
    ['AWS data source whose parameter name is known only after apply', ssmRead('p5.48xlarge', '${aws_ssm_parameter.own.name}'), 'unknown'],
  ])('synthesized: %s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, R, 'aws_launch_template.t')).toBe(expected);
  });

  test('synthesized: the verdict names the parameter and the data source', () => {
    const r = checkDoc(ssmRead('p5.48xlarge', NEURON)).results.find((x) => x.ruleId === R)!;
    expect(r.message).toContain(NEURON);
    expect(r.message).toContain('data.aws_ssm_parameter.img');
  });

  const familyRead = (image: Record<string, unknown>) =>
    synthDoc({ google_compute_instance_template: { t: { machine_type: 'a3-megagpu-8g', disk: [{ boot: true, source_image: '${data.google_compute_image.img.self_link}' }] } } }, { google_compute_image: { img: image } });
  test.each([
    ['Google Ubuntu accelerator family read by a data source (the library default)', familyRead({ project: 'ubuntu-os-accelerator-images', family: 'ubuntu-accelerator-2204-amd64-with-nvidia-570' }), 'pass'],
    ['Google Container-Optimized OS family read by a data source', familyRead({ project: 'cos-cloud', family: 'cos-stable' }), 'pass'],
    ['Google Debian family read by a data source', familyRead({ project: 'debian-cloud', family: 'debian-12' }), 'fail'],
    ['Google cos-cloud image that is no COS image', familyRead({ project: 'cos-cloud', name: 'tools-1' }), 'fail'],
    ['Google family of the provider project read by a data source', familyRead({ family: 'my-gpu-image' }), 'fail'],
    ['Google data source whose project is known only after apply', familyRead({ project: '${google_project.p.project_id}', family: 'x' }), 'unknown'],
  ])('synthesized: %s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, R, TEMPLATE)).toBe(expected);
  });

  const versionRead = (reference: Record<string, unknown>, image: Record<string, unknown>) =>
    synthDoc({ azurerm_linux_virtual_machine_scale_set: { v: { sku: 'Standard_ND96isr_H100_v5', source_image_reference: { sku: '2204', version: '${data.azurerm_platform_image.img.version}', ...reference } } } }, { azurerm_platform_image: { img: { location: 'eastus', sku: '2204', ...image } } });
  test.each([
    ['Azure Ubuntu-HPC with the version read by a data source (the library default)', versionRead({ publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc' }, { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc' }), 'pass'],
    ['Azure plain Ubuntu with the version read by a data source', versionRead({ publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy' }, { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy' }), 'fail'],
    ['Azure publisher and offer read from the data source', versionRead({ publisher: '${data.azurerm_platform_image.img.publisher}', offer: '${data.azurerm_platform_image.img.offer}' }, { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc' }), 'pass'],
    ['Azure plain Ubuntu publisher and offer read from the data source', versionRead({ publisher: '${data.azurerm_platform_image.img.publisher}', offer: '${data.azurerm_platform_image.img.offer}' }, { publisher: 'Canonical', offer: 'x' }), 'fail'],
  ])('synthesized: %s', (_n, d, expected) => {
    expect(statusOf(checkDoc(d).results, R, VMSS)).toBe(expected);
  });

  // Plan form. Terraform reads a data source during the plan when it can: the node definition then holds
  // the literal it read, and the data source is in prior_state (a read deferred to apply is in resource_changes).
  const readsParameter = { image_id: { references: ['data.aws_ssm_parameter.img.insecure_value', 'data.aws_ssm_parameter.img'] } };
  const parameterView = (name: string) => ({ type: 'aws_ssm_parameter', name: 'img', mode: 'data' as const, actions: ['read'], values: { name }, afterUnknown: { insecure_value: true, value: true } });
  test.each([
    ['AWS: the AMI the data source read at plan time, data source not listed', [{ type: 'aws_launch_template', name: 't', values: { instance_type: 'p5.48xlarge', image_id: 'ami-0123456789abcdef0' }, expressions: { instance_type: { constant_value: 'p5.48xlarge' }, ...readsParameter } }], 'pass'],
    ['AWS: read deferred, the DLAMI parameter', [{ type: 'aws_launch_template', name: 't', values: { instance_type: 'p5.48xlarge' }, afterUnknown: { image_id: true }, expressions: { instance_type: { constant_value: 'p5.48xlarge' }, ...readsParameter } }, parameterView(DLAMI)], 'pass'],
    ['AWS: read deferred, the Neuron parameter on a GPU SKU', [{ type: 'aws_launch_template', name: 't', values: { instance_type: 'p5.48xlarge' }, afterUnknown: { image_id: true }, expressions: { instance_type: { constant_value: 'p5.48xlarge' }, ...readsParameter } }, parameterView(NEURON)], 'fail'],
    ['AWS: a literal AMI, but the listed data source reads plain Amazon Linux', [{ type: 'aws_launch_template', name: 't', values: { instance_type: 'p5.48xlarge', image_id: 'ami-0123456789abcdef0' }, expressions: { instance_type: { constant_value: 'p5.48xlarge' }, ...readsParameter } }, parameterView(AL2023)], 'fail'],
    ['AWS: read deferred, data source not listed', [{ type: 'aws_launch_template', name: 't', values: { instance_type: 'p5.48xlarge' }, afterUnknown: { image_id: true }, expressions: { instance_type: { constant_value: 'p5.48xlarge' }, ...readsParameter } }], 'unknown'],
  ] as const)('plan: %s', (_n, rs, expected) => {
    expect(statusOf(checkDoc(planDoc(rs as never)).results, R, 'aws_launch_template.t')).toBe(expected);
  });

  test('plan: a data source read at plan time (prior_state) is judged by its parameter name, as in the synthesized stack', () => {
    const doc = (parameter: string) => {
      const d = planDoc([{ type: 'aws_launch_template', name: 't', values: { instance_type: 'p5.48xlarge', image_id: 'ami-0123456789abcdef0' }, expressions: { instance_type: { constant_value: 'p5.48xlarge' }, ...readsParameter } }]);
      d.prior_state = { values: { root_module: { resources: [{ address: 'data.aws_ssm_parameter.img', mode: 'data', type: 'aws_ssm_parameter', name: 'img', values: { name: parameter, insecure_value: 'ami-0123456789abcdef0' } }] } } };
      return d;
    };
    expect(statusOf(checkDoc(doc(DLAMI)).results, R, 'aws_launch_template.t')).toBe('pass');
    expect(statusOf(checkDoc(doc(NEURON)).results, R, 'aws_launch_template.t')).toBe('fail');
  });

  const readsFamily = { machine_type: { constant_value: 'a3-megagpu-8g' }, disk: [{ boot: { constant_value: true }, source_image: { references: ['data.google_compute_image.img.self_link', 'data.google_compute_image.img'] } }] };
  const gcpTemplate = (source_image?: string) => ({ type: 'google_compute_instance_template', name: 't', values: { machine_type: 'a3-megagpu-8g', disk: [{ boot: true, ...(source_image ? { source_image } : {}) }] }, ...(source_image ? {} : { afterUnknown: { disk: [{ source_image: true }] } }), expressions: readsFamily });
  const familyView = (project: string, family: string) => ({ type: 'google_compute_image', name: 'img', mode: 'data' as const, actions: ['read'], values: { project, family }, afterUnknown: { self_link: true } });
  test.each([
    ['Google: the image the data source read at plan time', [gcpTemplate('https://www.googleapis.com/compute/v1/projects/ubuntu-os-accelerator-images/global/images/ubuntu-accelerator-2204-amd64-with-nvidia-570-v20251120')], 'pass'],
    ['Google: read deferred, the accelerator family', [gcpTemplate(), familyView('ubuntu-os-accelerator-images', 'ubuntu-accelerator-2204-amd64-with-nvidia-570')], 'pass'],
    ['Google: read deferred, a Debian family', [gcpTemplate(), familyView('debian-cloud', 'debian-12')], 'fail'],
  ] as const)('plan: %s', (_n, rs, expected) => {
    expect(statusOf(checkDoc(planDoc(rs as never)).results, R, TEMPLATE)).toBe(expected);
  });

  const readsVersion = { sku: { constant_value: 'Standard_ND96isr_H100_v5' }, source_image_reference: [{ publisher: { constant_value: 'microsoft-dsvm' }, offer: { constant_value: 'ubuntu-hpc' }, sku: { constant_value: '2204' }, version: { references: ['data.azurerm_platform_image.img.version', 'data.azurerm_platform_image.img'] } }] };
  test.each([
    ['Azure: the version the data source read at plan time', [{ type: 'azurerm_linux_virtual_machine_scale_set', name: 'v', values: { sku: 'Standard_ND96isr_H100_v5', source_image_reference: [{ publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version: '22.04.2025112001' }] }, expressions: readsVersion }], 'pass'],
    [
      'Azure: read deferred, the version known after apply',
      [
        { type: 'azurerm_linux_virtual_machine_scale_set', name: 'v', values: { sku: 'Standard_ND96isr_H100_v5', source_image_reference: [{ publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204' }] }, afterUnknown: { source_image_reference: [{ version: true }] }, expressions: readsVersion },
        { type: 'azurerm_platform_image', name: 'img', mode: 'data', actions: ['read'], values: { location: 'eastus', publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204' }, afterUnknown: { version: true } },
      ],
      'pass',
    ],
  ] as const)('plan: %s', (_n, rs, expected) => {
    expect(statusOf(checkDoc(planDoc(rs as never)).results, R, VMSS)).toBe(expected);
  });

  test('a known image resolved at each launch is reported as not pinned, with both findings in the message', () => {
    const plan = planDoc([{ type: 'aws_launch_template', name: 't', values: { instance_type: 'p5.48xlarge', image_id: 'resolve:ssm:/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id' } }]);
    const r = checkDoc(plan).results.find((x) => x.ruleId === R)!;
    expect(r).toMatchObject({ status: 'fail', severity: 'low', path: 'image_id' });
    expect(r.message).toMatch(/^the GPU deep learning image .*, but not pinned: image_id = resolve:ssm:.* AWS resolves the parameter at every launch/);
  });

  test('plan form and low severity', () => {
    const plan = (image_id: string) => planDoc([{ type: 'aws_launch_template', name: 't', values: { instance_type: 'inf2.48xlarge', image_id } }]);
    const ok = checkDoc(plan('resolve:ssm:/aws/service/neuron/dlami/multi-framework/ubuntu-24.04/latest/image_id:3')).results.find((r) => r.ruleId === R)!;
    expect([ok.status, ok.severity]).toEqual(['pass', 'low']);
    expect(statusOf(checkDoc(plan('resolve:ssm:/acme/images/gpu')).results, R, 'aws_launch_template.t')).toBe('fail');
  });
});
