import { caseStore } from '../../src/store/case-store.js';
import { memoryCollections } from '../../src/store/memory-collections.js';
import { caseStoreContract } from './case-store.contract.js';

caseStoreContract('in-memory (mingo)', async () => caseStore(memoryCollections()));
