/*
 * ispccdc.c - imitation of drivers/media/video/omap3isp/ispccdc.c (Linux 3.0): the lens-shading (LSC) and
 * faulty-pixel (FPC) tables live in iovmm buffers, omap.md 6.1.
 */
#include <linux/dma-mapping.h>
#include <linux/uaccess.h>
#include <plat/iovmm.h>

#include "isp.h"
#include "ispccdc.h"

/* The cleanup path frees the FPC table through a helper macro: the call is reported where the macro is used. */
#define CCDC_TABLE_FREE(isp, da)	iommu_vfree((isp)->iommu, (da))

static void ccdc_lsc_free_request(struct isp_ccdc_device *ccdc, struct ispccdc_lsc_config_req *req)
{
	struct isp_device *isp = to_isp_device(ccdc);

	if (req == NULL)
		return;

	if (req->iovm)
		dma_unmap_sg(isp->dev, req->iovm->sgt->sgl, req->iovm->sgt->nents, DMA_TO_DEVICE);
	if (req->table)
		iommu_vfree(isp->iommu, req->table);
	kfree(req);
}

static int ccdc_lsc_config(struct isp_ccdc_device *ccdc, struct omap3isp_ccdc_update_config *config)
{
	struct isp_device *isp = to_isp_device(ccdc);
	struct ispccdc_lsc_config_req *req;
	unsigned long flags;
	void *table;
	u16 update;
	int ret;

	update = config->update & (OMAP3ISP_CCDC_CONFIG_LSC | OMAP3ISP_CCDC_TBL_LSC);
	if (!update)
		return 0;

	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (req == NULL)
		return -ENOMEM;

	if (config->flag & OMAP3ISP_CCDC_TBL_LSC) {
		if (copy_from_user(&req->config, config->lsc_cfg, sizeof(req->config))) {
			ret = -EFAULT;
			goto done;
		}

		req->enable = 1;

		req->table = iommu_vmalloc(isp->iommu, 0, req->config.size, IOMMU_FLAG);
		if (IS_ERR_VALUE(req->table)) {
			req->table = 0;
			ret = -ENOMEM;
			goto done;
		}

		req->iovm = find_iovm_area(isp->iommu, req->table);
		if (req->iovm == NULL) {
			ret = -ENOMEM;
			goto done;
		}

		if (!dma_map_sg(isp->dev, req->iovm->sgt->sgl, req->iovm->sgt->nents, DMA_TO_DEVICE)) {
			ret = -ENOMEM;
			req->iovm = NULL;
			goto done;
		}

		dma_sync_sg_for_cpu(isp->dev, req->iovm->sgt->sgl, req->iovm->sgt->nents, DMA_TO_DEVICE);

		table = da_to_va(isp->iommu, req->table);
		if (copy_from_user(table, config->lsc, req->config.size)) {
			ret = -EFAULT;
			goto done;
		}

		dma_sync_sg_for_device(isp->dev, req->iovm->sgt->sgl, req->iovm->sgt->nents, DMA_TO_DEVICE);
	}

	spin_lock_irqsave(&ccdc->lsc.req_lock, flags);
	ccdc->lsc.request = req;
	spin_unlock_irqrestore(&ccdc->lsc.req_lock, flags);
	ret = 0;

done:
	if (ret < 0)
		ccdc_lsc_free_request(ccdc, req);

	return ret;
}

static int ccdc_config(struct isp_ccdc_device *ccdc, struct omap3isp_ccdc_update_config *ccdc_struct)
{
	struct isp_device *isp = to_isp_device(ccdc);
	unsigned long flags;
	int ret = 0;

	if (OMAP3ISP_CCDC_FPC & ccdc_struct->update) {
		u32 table_old = 0;
		u32 table_new;
		u32 size;

		if (ccdc->state != ISP_PIPELINE_STREAM_STOPPED)
			return -EBUSY;

		ccdc->fpc_en = !!(OMAP3ISP_CCDC_FPC & ccdc_struct->flag);

		if (ccdc->fpc_en) {
			if (copy_from_user(&ccdc->fpc, ccdc_struct->fpc, sizeof(ccdc->fpc)))
				return -EFAULT;

			/* The returned da nests in IS_ERR_VALUE: still one call of iommu_vmalloc. */
			if (IS_ERR_VALUE(table_new = iommu_vmalloc(isp->iommu, 0, ccdc->fpc.fpnum * 4,
								    IOMMU_FLAG)))
				return -ENOMEM;

			size = ccdc->fpc.fpnum * 4;
			if (copy_from_user(da_to_va(isp->iommu, table_new), (__force void __user *)ccdc->fpc.fpcaddr, size)) {
				iommu_vfree(isp->iommu, table_new);
				return -EFAULT;
			}

			table_old = ccdc->fpc.fpcaddr;
			ccdc->fpc.fpcaddr = table_new;
		}

		ccdc_configure_fpc(ccdc);
		if (table_old != 0)
			iommu_vfree(isp->iommu, table_old);
	}

	return ret;
}

void omap3isp_ccdc_cleanup(struct isp_device *isp)
{
	struct isp_ccdc_device *ccdc = &isp->isp_ccdc;

	ccdc_lsc_free_queue(ccdc, &ccdc->lsc.free_queue);
	cancel_work_sync(&ccdc->lsc.table_work);

	if (ccdc->lsc.request)
		ccdc_lsc_free_request(ccdc, ccdc->lsc.request);

	if (ccdc->fpc.fpcaddr != 0)
		CCDC_TABLE_FREE(isp, ccdc->fpc.fpcaddr);
}
