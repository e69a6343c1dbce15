/*
 * isp.c - imitation of drivers/media/video/omap3isp/isp.c (Linux 3.0) for the C front-end tests:
 * the OMAP vendor iommu calls of omap.md 6.1 in their enclosing functions.
 */
#include <linux/clk.h>
#include <linux/platform_device.h>
#include <plat/iommu.h>

#include "isp.h"

/* A prototype of a catalog name: a declaration, never a finding. */
struct iommu *iommu_get(const char *name);

static void isp_save_ctx(struct isp_device *isp)
{
	isp_save_context(isp, isp_reg_list);
	if (isp->iommu)
		iommu_save_ctx(isp->iommu);
}

static void isp_restore_ctx(struct isp_device *isp)
{
	isp_restore_context(isp, isp_reg_list);
	if (isp->iommu)
		iommu_restore_ctx(isp->iommu);
	omap3isp_ccdc_restore_context(isp);
	omap3isp_preview_restore_context(isp);
}

static int __devexit isp_remove(struct platform_device *pdev)
{
	struct isp_device *isp = platform_get_drvdata(pdev);
	int i;

	isp_unregister_entities(isp);
	isp_cleanup_modules(isp);

	omap3isp_get(isp);
	iommu_put(isp->iommu);
	omap3isp_put(isp);

	free_irq(isp->irq_num, isp);
	isp_put_clocks(isp);

	for (i = 0; i < OMAP3_ISP_IOMEM_LAST; i++) {
		if (isp->mmio_base[i]) {
			iounmap(isp->mmio_base[i]);
			isp->mmio_base[i] = NULL;
		}
	}
	kfree(isp);
	return 0;
}

static int __devinit isp_probe(struct platform_device *pdev)
{
	struct isp_platform_data *pdata = pdev->dev.platform_data;
	struct isp_device *isp;
	int ret;

	isp = kzalloc(sizeof(*isp), GFP_KERNEL);
	if (!isp) {
		dev_err(&pdev->dev, "could not allocate memory\n");
		return -ENOMEM;
	}

	isp->autoidle = autoidle;
	isp->platform_cb.set_xclk = isp_set_xclk;
	mutex_init(&isp->isp_mutex);
	spin_lock_init(&isp->stat_lock);
	isp->dev = &pdev->dev;
	isp->pdata = pdata;
	isp->ref_count = 0;

	ret = isp_get_clocks(isp);
	if (ret < 0)
		goto error;

	if (omap3isp_get(isp) == NULL)
		goto error;

	ret = isp_reset(isp);
	if (ret < 0)
		goto error_isp;

	/* IOMMU */
	isp->iommu = iommu_get("isp");
	if (IS_ERR_OR_NULL(isp->iommu)) {
		isp->iommu = NULL;
		ret = -ENODEV;
		goto error_isp;
	}

	ret = isp_initialize_modules(isp);
	if (ret < 0)
		goto error_isp;

	omap3isp_put(isp);
	return 0;

error_isp:
	iommu_put(isp->iommu);
	omap3isp_put(isp);
error:
	isp_put_clocks(isp);
	platform_set_drvdata(pdev, NULL);
	kfree(isp);
	return ret;
}

static struct platform_driver omap3isp_driver = {
	.probe = isp_probe,
	.remove = __devexit_p(isp_remove),
	.driver = {
		.name = "omap3isp",
	},
};

static int __init isp_init(void)
{
	return platform_driver_register(&omap3isp_driver);
}

static void __exit isp_cleanup(void)
{
	platform_driver_unregister(&omap3isp_driver);
}

module_init(isp_init);
module_exit(isp_cleanup);

MODULE_AUTHOR("Nokia Corporation");
MODULE_DESCRIPTION("TI OMAP3 ISP driver");
MODULE_LICENSE("GPL");
