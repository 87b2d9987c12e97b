import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length } from 'class-validator';

/**
 * The optional body of `PUT /service-locations/{pidsl}/users/{userId}`: how to name a user who has
 * not signed in to the portal yet. Once they sign in, their token's name replaces it.
 */
export class GrantAccessBody {
  @ApiPropertyOptional({ example: 'Ana Souza' }) @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ example: 'ana.souza@example.org' }) @IsOptional() @IsEmail() @Length(3, 254) email?: string;
}
