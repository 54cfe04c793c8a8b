// The one place that names the database types the app is written against.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from './database.types';

export type { Database };
export type Supabase = SupabaseClient<Database>;
export type Tables<T extends keyof Database['public']['Tables']> =
	Database['public']['Tables'][T]['Row'];
