export { createTourismService, type TourismService } from './service';
export { defineTourismModels, type TourismModels } from './model';
export { tourismRoutes } from './routes';
export { placeImporter } from './place-import';
