import { AcceleratorFamily } from '../core/catalog/types';
import { AiraError, ErrorCodes } from '../core/errors';

/** The machine image a pool's launch template names, with the root device it boots from. */
export interface PoolImage {
  /** Value of the launch template's `image_id`: an AMI id or `resolve:ssm:<parameter>`. */
  readonly imageId: string;
  /** Whether the image is an AMI id (pinned) or an SSM parameter that AWS resolves at each launch. */
  readonly kind: 'ami' | 'ssm-parameter';
  /** Device name of the image's root volume, so the launch template sizes and encrypts that volume. */
  readonly rootDeviceName: string;
}

/**
 * AWS-published public SSM parameters per accelerator family, so that no data source (and no AWS call)
 * is needed to plan. AWS resolves `resolve:ssm:` image ids at every launch
 * (docs.aws.amazon.com/autoscaling/ec2/userguide/using-systems-manager-parameters.html).
 * - GPU: Deep Learning Base OSS Nvidia Driver GPU AMI (Amazon Linux 2023), parameter format
 *   `/aws/service/deeplearning/ami/<arch>/<ami type>/latest/ami-id`
 *   (docs.aws.amazon.com/dlami/latest/devguide/find-dlami-id.html). NVIDIA driver, CUDA, EFA, NCCL
 *   OFI plugin and DCGM (the source of the GPU safety metrics) come installed.
 * - Trainium / Inferentia: Deep Learning AMI Neuron, multi-framework, Ubuntu 24.04, parameter prefix
 *   `/aws/service/neuron/dlami/multi-framework/<os>` + `/latest/image_id`
 *   (awsdocs-neuron.readthedocs-hosted.com, "Neuron DLAMI User Guide"). Neuron driver, EFA and
 *   neuron-monitor (the source of the Neuron safety metric) come installed.
 * - FPGA and CPU: Amazon Linux 2023
 *   (docs.aws.amazon.com/linux/al2023/ug/ec2.html#launch-via-ssm-parameter); F2 nodes need the
 *   aws-fpga runtime installed by user data or a custom image.
 * Root devices: Amazon Linux 2023 boots from `/dev/xvda`, Ubuntu from `/dev/sda1`.
 */
export const DEFAULT_IMAGE_PARAMETERS: Readonly<Record<AcceleratorFamily, { readonly parameter: string; readonly rootDeviceName: string }>> = {
  gpu: { parameter: '/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id', rootDeviceName: '/dev/xvda' },
  trainium: { parameter: '/aws/service/neuron/dlami/multi-framework/ubuntu-24.04/latest/image_id', rootDeviceName: '/dev/sda1' },
  inferentia: { parameter: '/aws/service/neuron/dlami/multi-framework/ubuntu-24.04/latest/image_id', rootDeviceName: '/dev/sda1' },
  fpga: { parameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', rootDeviceName: '/dev/xvda' },
  cpu: { parameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', rootDeviceName: '/dev/xvda' },
  // TPUs are Google-only; planPool refuses an AWS TPU SKU before an image is chosen.
  tpu: { parameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', rootDeviceName: '/dev/xvda' },
};

const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
// SSM parameter names: letters, digits and . - _ / ; an optional :version or :label selects one version.
const SSM_PATH = /^\/[A-Za-z0-9_.\-/]+(?::[A-Za-z0-9_.-]+)?$/;

/**
 * Resolves a pool's `image` prop:
 * - `ami-0123456789abcdef0`: that AMI, pinned.
 * - `/aws/service/...` or `resolve:ssm:/aws/service/...`: an SSM parameter, resolved by AWS at each
 *   launch; append `:<version>` (for example `...:42`) to pin one version of the parameter.
 * - nothing: the family's accelerator image (see `DEFAULT_IMAGE_PARAMETERS`).
 * Throws AIRA_E_INVALID_PROP for anything else.
 *
 * @param rootDeviceName root device of a given image; defaults to the family image's (or `/dev/xvda`)
 */
export function resolvePoolImage(family: AcceleratorFamily, image: string | undefined, rootDeviceName: string | undefined, where: string): PoolImage {
  if (rootDeviceName !== undefined && !/^\/dev\/[a-z0-9]+$/.test(rootDeviceName)) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `rootDeviceName "${rootDeviceName}" is not a device name`, 'use the image\'s root device, for example /dev/xvda or /dev/sda1');
  }
  if (image === undefined) {
    const d = DEFAULT_IMAGE_PARAMETERS[family];
    return { imageId: `resolve:ssm:${d.parameter}`, kind: 'ssm-parameter', rootDeviceName: rootDeviceName ?? d.rootDeviceName };
  }
  const root = rootDeviceName ?? '/dev/xvda';
  if (AMI_ID.test(image)) return { imageId: image, kind: 'ami', rootDeviceName: root };
  const path = image.startsWith('resolve:ssm:') ? image.slice('resolve:ssm:'.length) : image;
  if (SSM_PATH.test(path)) {
    const known = Object.values(DEFAULT_IMAGE_PARAMETERS).find((d) => path.split(':')[0] === d.parameter);
    return { imageId: `resolve:ssm:${path}`, kind: 'ssm-parameter', rootDeviceName: rootDeviceName ?? known?.rootDeviceName ?? root };
  }
  throw new AiraError(
    ErrorCodes.INVALID_PROP,
    where,
    `image "${image}" is neither an AMI id (ami-...) nor an SSM parameter path (/aws/service/...)`,
    'pass an AMI id to pin the image, or an SSM parameter path (optionally with :<version>)',
  );
}
