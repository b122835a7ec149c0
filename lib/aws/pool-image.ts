import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AcceleratorFamily } from '../core/catalog/types';
import { ImageResolution } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { shortHash } from '../core/naming';
import { oncePerStack } from '../core/once-per-stack';

/** The machine image a pool's launch template names, with the root device it boots from. */
export interface PoolImage {
  /**
   * Value of the launch template's `image_id`: an AMI id, `resolve:ssm:<parameter>` (AWS resolves it at
   * each launch; pinned when it ends in `:<version>`), or, once pinned by `pinPoolImage`, a reference to
   * the value of an `aws_ssm_parameter` data source (an AMI id Terraform reads once per plan).
   */
  readonly imageId: string;
  /** Whether the image is an AMI id given as such, or comes from an SSM parameter. */
  readonly kind: 'ami' | 'ssm-parameter';
  /** The SSM parameter name (with its `:<version>` or `:<label>`, if given). @default none: an AMI id */
  readonly parameter?: string;
  /**
   * When `imageId` becomes one AMI: `plan` (a literal AMI id, a parameter version, or the data source
   * Terraform reads once per plan) or `launch` (a `resolve:ssm:` parameter AWS resolves at every launch).
   */
  readonly resolvedAt: 'plan' | 'launch';
  /** Device name of the image's root volume, so the launch template sizes and encrypts that volume. */
  readonly rootDeviceName: string;
}

/**
 * AWS-published public SSM parameters per accelerator family. By default a pool reads its family's
 * parameter once per plan (`pinPoolImage`: an `aws_ssm_parameter` data source); with
 * `imageResolution: 'launch'` the launch template names it as `resolve:ssm:<parameter>`, which AWS resolves
 * at every launch (docs.aws.amazon.com/autoscaling/ec2/userguide/using-systems-manager-parameters.html).
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
// A numeric selector names one version of a parameter for good; a label can be moved to another version.
const PARAMETER_VERSION = /:\d+$/;

/**
 * Parses a pool's `image` prop, as named (no AWS call, no construct):
 * - `ami-0123456789abcdef0`: that AMI, pinned.
 * - `/aws/service/...` or `resolve:ssm:/aws/service/...`: an SSM parameter as `resolve:ssm:<parameter>`,
 *   which AWS resolves at each launch; with `:<version>` (for example `...:42`) one version, pinned.
 * - nothing: the family's accelerator image parameter (see `DEFAULT_IMAGE_PARAMETERS`).
 * Throws AIRA_E_INVALID_PROP for anything else. `pinPoolImage` then turns a floating parameter into a
 * value Terraform reads once per plan.
 *
 * @param rootDeviceName root device of a given image; defaults to the family image's (or `/dev/xvda`)
 */
export function resolvePoolImage(family: AcceleratorFamily, image: string | undefined, rootDeviceName: string | undefined, where: string): PoolImage {
  if (rootDeviceName !== undefined && !/^\/dev\/[a-z0-9]+$/.test(rootDeviceName)) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `rootDeviceName "${rootDeviceName}" is not a device name`, 'use the image\'s root device, for example /dev/xvda or /dev/sda1');
  }
  if (image === undefined) {
    const d = DEFAULT_IMAGE_PARAMETERS[family];
    return { imageId: `resolve:ssm:${d.parameter}`, kind: 'ssm-parameter', parameter: d.parameter, resolvedAt: 'launch', rootDeviceName: rootDeviceName ?? d.rootDeviceName };
  }
  const root = rootDeviceName ?? '/dev/xvda';
  if (AMI_ID.test(image)) return { imageId: image, kind: 'ami', resolvedAt: 'plan', rootDeviceName: root };
  const path = image.startsWith('resolve:ssm:') ? image.slice('resolve:ssm:'.length) : image;
  if (SSM_PATH.test(path)) {
    const known = Object.values(DEFAULT_IMAGE_PARAMETERS).find((d) => path.split(':')[0] === d.parameter);
    return {
      imageId: `resolve:ssm:${path}`,
      kind: 'ssm-parameter',
      parameter: path,
      resolvedAt: PARAMETER_VERSION.test(path) ? 'plan' : 'launch',
      rootDeviceName: rootDeviceName ?? known?.rootDeviceName ?? root,
    };
  }
  throw new AiraError(
    ErrorCodes.INVALID_PROP,
    where,
    `image "${image}" is neither an AMI id (ami-...) nor an SSM parameter path (/aws/service/...)`,
    'pass an AMI id to pin the image, or an SSM parameter path (optionally with :<version>)',
  );
}

/**
 * Makes a pool's image one AMI per plan. With `resolution` 'plan', an SSM parameter without a version
 * (the family default, or a path the user gave) is read by an `aws_ssm_parameter` data source of the
 * stack (`ssmImageParameter`), and `image_id` takes its value: Terraform reads it once per plan, so every
 * node launched until the next apply boots the same AMI, and a newly published AMI appears as a diff of
 * the launch template in the next plan. AMI ids and parameter versions are already pinned; with
 * 'launch' the image stays `resolve:ssm:<parameter>`, resolved by AWS at each launch.
 */
export function pinPoolImage(scope: Construct, image: PoolImage, resolution: ImageResolution): PoolImage {
  if (resolution !== 'plan' || image.resolvedAt === 'plan' || image.parameter === undefined) return image;
  return { ...image, imageId: ssmImageParameter(scope, image.parameter).insecureValue, resolvedAt: 'plan' };
}

/**
 * The `aws_ssm_parameter` data source of an image parameter in the stack of `scope`: one per stack and
 * parameter, however many pools boot it (a stack is one region, and public image parameters are
 * regional). Its id is a hash of the parameter name, so the synthesized JSON does not depend on the
 * order pools are created in. The launch template reads `insecure_value`, not `value`: the public image
 * parameters hold no secret, and a value marked sensitive would hide the AMI id in every plan
 * (registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/ssm_parameter).
 */
export function ssmImageParameter(scope: Construct, parameter: string): DataAwsSsmParameter {
  return oncePerStack(TerraformStack.of(scope), `pool-image-${shortHash(parameter, 10)}`, DataAwsSsmParameter, (stack, id) => new DataAwsSsmParameter(stack, id, { name: parameter }), scope.node.path);
}
