// A storefront's id: the name of its folder in the brands directory (README, "Your own store").
// Which ids exist is known only once the folders are read: the knowledge base's `brandIds`.
export type BrandId = string;
