/*
 * msm_isp.c - imitation of drivers/media/video/msm/msm_isp.c (CAF msm-3.0), msm.md 8: the on-chip IMEM
 * ping/pong buffers of the camera are mapped into CAMERA_DOMAIN with msm_iommu_map_contig_buffer.
 */
#include <linux/module.h>
#include <mach/iommu_domains.h>

#include "msm.h"

/* Unmapping is only traced in debug builds: without CONFIG_MSM_ISP_DEBUG the argument is discarded. */
#ifdef CONFIG_MSM_ISP_DEBUG
#define ISP_DEBUG_CALL(call)	call
#else
#define ISP_DEBUG_CALL(call)
#endif

static struct device *camera_ctx;

static int __init msm_isp_iommu_init(void)
{
	struct iommu_domain *domain = msm_get_iommu_domain(CAMERA_DOMAIN);

	camera_ctx = msm_iommu_get_ctx("vfe_imgwr");
	if (!camera_ctx || !domain)
		return -ENODEV;
	return iommu_attach_device(domain, camera_ctx);
}

static int msm_isp_open(struct v4l2_subdev *sd, struct msm_cam_media_controller *mctl)
{
	int rc = 0;

#ifdef CONFIG_MSM_IOMMU
	rc = msm_iommu_map_contig_buffer((unsigned long)IMEM_Y_PING_OFFSET, CAMERA_DOMAIN, GEN_POOL,
					 ((IMEM_Y_SIZE + IMEM_CBCR_SIZE + 4095) & (~4095)), SZ_4K,
					 IOMMU_WRITE | IOMMU_READ, (unsigned long *)&mctl->ping_imem_y);
	if (rc < 0)
		return rc;
#endif
	return rc;
}

static void msm_isp_release(struct msm_cam_media_controller *mctl)
{
	ISP_DEBUG_CALL(msm_iommu_unmap_contig_buffer(mctl->ping_imem_y, CAMERA_DOMAIN, GEN_POOL,
						     ((IMEM_Y_SIZE + IMEM_CBCR_SIZE + 4095) & (~4095))));
	mctl->ping_imem_y = 0;
}

module_init(msm_isp_iommu_init);
