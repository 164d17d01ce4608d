export { createPhotoService, type PhotoService, type StoredPhotos, type PhotoUpload, type PhotoView } from './service';
export { definePhotoModel, type PhotoAttrs, type PhotoKind } from './model';
export { LocalDiskStorage, type PhotoStorage } from './storage';
export { hammingDistance, NotAnImage, processPhoto } from './processor';
export { mediaRoutes } from './routes';
